//! Library half of `repo-backup`: build an archive and upload it.

use anyhow::{bail, Context, Result};
use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
use s3::creds::Credentials;
use s3::{Bucket, Region};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const DEFAULT_EXCLUDES: &[&str] = &["!.env", "!.env.*", "!*.pem", "!*.key", "!target/", "!node_modules/"];

#[derive(Debug, Clone)]
pub struct Destination {
    pub bucket: String,
    pub region: String,
    pub endpoint: Option<String>,
    pub prefix: String,
    pub profile: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ArchiveOptions {
    pub include_git_dir: bool,
    pub default_excludes: bool,
    pub excludes: Vec<String>,
    pub level: i32,
}

pub struct Archive {
    pub bytes: Vec<u8>,
    pub files: usize,
    pub sha256: String,
}

/// Build a zstd-compressed tarball of `root`.
pub fn build_archive(root: &Path, opts: &ArchiveOptions) -> Result<Archive> {
    let mut ov = OverrideBuilder::new(root);
    if opts.default_excludes {
        for e in DEFAULT_EXCLUDES {
            ov.add(e)?;
        }
    }
    for e in &opts.excludes {
        ov.add(&format!("!{e}"))?;
    }
    let walker = WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(true)
        .overrides(ov.build()?)
        .filter_entry({
            let keep_git = opts.include_git_dir;
            move |e| keep_git || e.file_name() != ".git"
        })
        .build();

    let enc = zstd::Encoder::new(Vec::new(), if opts.level == 0 { 9 } else { opts.level })?;
    let mut tar = tar::Builder::new(enc);
    let mut files = 0;
    for entry in walker {
        let entry = entry?;
        if !entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        tar.append_path_with_name(entry.path(), rel)
            .with_context(|| format!("adding {}", rel.display()))?;
        files += 1;
    }
    let mut enc = tar.into_inner()?;
    enc.flush()?;
    let bytes = enc.finish()?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    Ok(Archive { bytes, files, sha256 })
}

pub fn object_key(dest: &Destination, root: &Path) -> String {
    let name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "repo".into());
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    format!("{}{name}/{stamp}.tar.zst", dest.prefix)
}

/// Upload to the user's bucket. Credentials come from the AWS default chain
/// (optionally a named profile).
pub fn upload(dest: &Destination, key: &str, archive: &Archive) -> Result<()> {
    let region = match &dest.endpoint {
        Some(ep) => Region::Custom { region: dest.region.clone(), endpoint: ep.clone() },
        None => dest.region.parse()?,
    };
    let creds = Credentials::new(None, None, None, None, dest.profile.as_deref())
        .context("loading AWS credentials")?;
    let mut bucket = Bucket::new(&dest.bucket, region, creds)?;
    if dest.endpoint.is_some() {
        bucket = bucket.with_path_style();
    }
    let resp = bucket.put_object_with_content_type(key, &archive.bytes, "application/zstd")?;
    if resp.status_code() / 100 != 2 {
        bail!("upload failed: HTTP {}", resp.status_code());
    }
    let manifest = format!("{}  {}\nfiles: {}\n", archive.sha256, key, archive.files);
    bucket.put_object_with_content_type(format!("{key}.sha256"), manifest.as_bytes(), "text/plain")?;
    Ok(())
}

pub fn resolve_root(p: &Path) -> Result<PathBuf> {
    let r = p.canonicalize().with_context(|| format!("{} does not exist", p.display()))?;
    if !r.join(".git").exists() {
        eprintln!("warning: {} is not the top of a git repository", r.display());
    }
    Ok(r)
}
