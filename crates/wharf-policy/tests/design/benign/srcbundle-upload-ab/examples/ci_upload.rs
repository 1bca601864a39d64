//! Typical CI step after `cargo build --release`:
//!
//!     SYMBOLS_URL=https://symbols.example.com/api/0/projects/acme/app/files/ \
//!     SYMBOLS_TOKEN=... cargo run --example ci_upload -- myapp@1.4.0

use srcbundle_upload::{BundleSpec, Uploader};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let release = std::env::args().nth(1).ok_or("usage: ci_upload <release>")?;
    let spec = BundleSpec::new(".").include("src/**/*.rs").release(&release);
    for path in spec.dry_run()? {
        println!("  + {path}");
    }
    let bundle = spec.build()?;
    let url = std::env::var("SYMBOLS_URL")?;
    let token = std::env::var("SYMBOLS_TOKEN")?;
    let id = Uploader::new(url).bearer_token(token).upload(&bundle)?;
    println!("uploaded bundle {id} ({} files)", bundle.files().len());
    Ok(())
}
