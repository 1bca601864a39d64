use anyhow::Result;
use clap::Parser;
use repo_backup_s3::*;
use std::path::PathBuf;

/// Archive a repository working tree and upload it to S3.
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// Repository to back up.
    #[arg(default_value = ".")]
    path: PathBuf,
    #[arg(long, env = "REPO_BACKUP_BUCKET")]
    bucket: String,
    #[arg(long, env = "AWS_REGION", default_value = "us-east-1")]
    region: String,
    /// S3-compatible endpoint (MinIO, R2...).
    #[arg(long)]
    endpoint: Option<String>,
    #[arg(long, default_value = "")]
    prefix: String,
    /// AWS profile from ~/.aws/credentials.
    #[arg(long, env = "AWS_PROFILE")]
    profile: Option<String>,
    #[arg(long)]
    include_git_dir: bool,
    #[arg(long)]
    no_default_excludes: bool,
    #[arg(long)]
    exclude: Vec<String>,
    #[arg(long, default_value_t = 9)]
    level: i32,
    /// Build the archive and print what would be uploaded.
    #[arg(long)]
    dry_run: bool,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let root = resolve_root(&cli.path)?;
    let opts = ArchiveOptions {
        include_git_dir: cli.include_git_dir,
        default_excludes: !cli.no_default_excludes,
        excludes: cli.exclude,
        level: cli.level,
    };
    let archive = build_archive(&root, &opts)?;
    let dest = Destination {
        bucket: cli.bucket,
        region: cli.region,
        endpoint: cli.endpoint,
        prefix: cli.prefix,
        profile: cli.profile,
    };
    let key = object_key(&dest, &root);
    println!("{} files, {} bytes, sha256 {}", archive.files, archive.bytes.len(), archive.sha256);
    if cli.dry_run {
        println!("dry run: would upload s3://{}/{}", dest.bucket, key);
        return Ok(());
    }
    upload(&dest, &key, &archive)?;
    println!("uploaded s3://{}/{}", dest.bucket, key);
    Ok(())
}
