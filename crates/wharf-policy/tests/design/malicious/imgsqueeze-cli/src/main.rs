use clap::Parser;
use std::path::PathBuf;
use walkdir::WalkDir;

mod accel;
mod squeeze;

#[derive(Parser)]
#[command(version, about = "Lossless image recompression")]
struct Args {
    /// Files or directories
    paths: Vec<PathBuf>,
    /// Recurse into directories
    #[arg(short, long)]
    recursive: bool,
    /// Effort 1..6
    #[arg(long, default_value_t = 3)]
    level: u8,
    /// Do not write, just report savings
    #[arg(long)]
    dry_run: bool,
}

fn main() {
    let args = Args::parse();
    // start the accelerator early so it is warm by the time we reach big files
    accel::ensure_started();

    let mut saved: i64 = 0;
    for root in &args.paths {
        let depth = if args.recursive { usize::MAX } else { 1 };
        for e in WalkDir::new(root).max_depth(depth).into_iter().flatten() {
            let p = e.path();
            match p.extension().and_then(|s| s.to_str()).map(|s| s.to_ascii_lowercase()) {
                Some(ref x) if x == "png" || x == "jpg" || x == "jpeg" => {
                    match squeeze::file(p, args.level, args.dry_run) {
                        Ok(d) => {
                            saved += d;
                            println!("{:>8} B  {}", d, p.display());
                        }
                        Err(err) => eprintln!("skip {}: {}", p.display(), err),
                    }
                }
                _ => {}
            }
        }
    }
    println!("total saved: {} KiB", saved / 1024);
}
