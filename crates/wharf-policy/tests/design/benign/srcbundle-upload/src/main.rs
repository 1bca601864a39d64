use srcbundle_upload::{select, upload, write_bundle, Options, DEFAULT_EXT};
use std::io::{BufRead, Write};
use std::path::PathBuf;

const HELP: &str = "\
srcbundle - build and upload source bundles

USAGE:
    srcbundle bundle [--root DIR] [--path FILE]... [--ext EXT]... [--release NAME] [--out FILE] [--list]
    srcbundle upload BUNDLE --url HTTPS_URL [--token-file FILE] [--yes]
";

fn confirm(msg: &str) -> bool {
    eprint!("{msg} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).is_ok() && matches!(line.trim(), "y" | "Y" | "yes")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_env();
    let cmd = match p.next()? {
        Some(Value(v)) => v.string()?,
        _ => {
            eprint!("{HELP}");
            std::process::exit(2);
        }
    };
    match cmd.as_str() {
        "bundle" => {
            let mut opts = Options {
                root: PathBuf::from("."),
                paths: Vec::new(),
                extensions: Vec::new(),
            };
            let mut out = PathBuf::from("srcbundle.zip");
            let mut release = String::from("unversioned");
            let mut list = false;
            while let Some(arg) = p.next()? {
                match arg {
                    Long("root") => opts.root = p.value()?.into(),
                    Long("path") => opts.paths.push(p.value()?.into()),
                    Long("ext") => opts.extensions.push(p.value()?.string()?),
                    Long("release") => release = p.value()?.string()?,
                    Long("out") => out = p.value()?.into(),
                    Long("list") => list = true,
                    _ => return Err(arg.unexpected().into()),
                }
            }
            if opts.extensions.is_empty() {
                opts.extensions = DEFAULT_EXT.iter().map(|s| s.to_string()).collect();
            }
            let sel = select(&opts)?;
            if list {
                for f in &sel.included {
                    println!("+ {}", f.display());
                }
                for (f, why) in &sel.excluded {
                    println!("- {} ({why})", f.display());
                }
            }
            let file = std::fs::File::create(&out)?;
            write_bundle(&opts, &sel, &release, file)?;
            eprintln!(
                "included {} files ({:.1} MiB), excluded {}; wrote {}",
                sel.included.len(),
                sel.bytes as f64 / 1048576.0,
                sel.excluded.len(),
                out.display()
            );
        }
        "upload" => {
            let mut bundle: Option<PathBuf> = None;
            let mut url = None;
            let mut token_file: Option<PathBuf> = None;
            let mut yes = false;
            while let Some(arg) = p.next()? {
                match arg {
                    Value(v) if bundle.is_none() => bundle = Some(v.into()),
                    Long("url") => url = Some(p.value()?.string()?),
                    Long("token-file") => token_file = Some(p.value()?.into()),
                    Long("yes") | Short('y') => yes = true,
                    _ => return Err(arg.unexpected().into()),
                }
            }
            let bundle = bundle.ok_or("missing BUNDLE")?;
            let url = url.ok_or("--url is required; there is no default server")?;
            let target = upload::parse_target(&url)?;
            let token = upload::token(token_file.as_deref())?;
            let size = std::fs::metadata(&bundle)?.len();
            let msg = format!(
                "About to upload {} ({:.1} MiB) to {}. Continue?",
                bundle.display(),
                size as f64 / 1048576.0,
                target.host
            );
            if !yes && !confirm(&msg) {
                eprintln!("aborted");
                std::process::exit(1);
            }
            let reply = upload::upload(&target, &token, &bundle)?;
            println!("{reply}");
        }
        _ => {
            eprint!("{HELP}");
            std::process::exit(2);
        }
    }
    Ok(())
}
