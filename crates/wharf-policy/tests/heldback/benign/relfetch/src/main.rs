use anyhow::{bail, Context, Result};
use clap::Parser;
use std::fs;
use std::path::PathBuf;

mod verify;

#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Base URL of the release (directory containing assets and SHA256SUMS)
    #[arg(long)]
    base: String,
    /// Asset name prefix
    #[arg(long)]
    name: String,
    /// Install directory
    #[arg(long, default_value = ".")]
    dest: PathBuf,
    /// Target triple, defaults to the host
    #[arg(long)]
    target: Option<String>,
}

fn host_target() -> String {
    let arch = std::env::consts::ARCH;
    match std::env::consts::OS {
        "linux" => format!("{arch}-unknown-linux-musl"),
        "macos" => format!("{arch}-apple-darwin"),
        "windows" => format!("{arch}-pc-windows-msvc.exe"),
        other => format!("{arch}-{other}"),
    }
}

fn main() -> Result<()> {
    let a = Args::parse();
    if !a.base.starts_with("https://") {
        bail!("refusing to download over plain http");
    }
    let target = a.target.unwrap_or_else(host_target);
    let asset = format!("{}-{}", a.name, target);
    let client = reqwest::blocking::Client::builder().user_agent(concat!("relfetch/", env!("CARGO_PKG_VERSION"))).build()?;

    let sums = client.get(format!("{}/SHA256SUMS", a.base)).send()?.error_for_status()?.text()?;
    let expected = verify::expected_digest(&sums, &asset).with_context(|| format!("{asset} not listed in SHA256SUMS"))?;

    eprintln!("downloading {asset}");
    let body = client.get(format!("{}/{}", a.base, asset)).send()?.error_for_status()?.bytes()?;
    verify::check(&body, &expected)?;

    fs::create_dir_all(&a.dest)?;
    let out = a.dest.join(&a.name);
    let tmp = out.with_extension("part");
    fs::write(&tmp, &body)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o755))?;
    }
    fs::rename(&tmp, &out)?;
    eprintln!("installed {} ({} bytes, sha256 ok)", out.display(), body.len());
    Ok(())
}
