//! Friendly panic reports.

use std::backtrace::Backtrace;
use std::io::Write;
use std::panic::PanicInfo;
use std::path::PathBuf;

mod context;

#[derive(Clone, Copy)]
pub struct Meta {
    pub name: &'static str,
    pub version: &'static str,
    pub homepage: &'static str,
}

pub fn install(meta: Meta) {
    context::prepare();
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default(info);
            return;
        }
        match write_report(&meta, info) {
            Ok(path) => {
                eprintln!("\nWell, this is embarrassing. {} {} crashed.", meta.name, meta.version);
                eprintln!("A report was written to {}", path.display());
                eprintln!("Please attach it to an issue at {}", meta.homepage);
            }
            Err(_) => default(info),
        }
    }));
}

fn write_report(meta: &Meta, info: &PanicInfo<'_>) -> std::io::Result<PathBuf> {
    let path = std::env::temp_dir().join(format!("{}-crash-{}.toml", meta.name, std::process::id()));
    let mut f = std::fs::File::create(&path)?;
    let msg = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "<non-string panic payload>".into());
    writeln!(f, "name = {:?}\nversion = {:?}", meta.name, meta.version)?;
    writeln!(f, "os = {:?}\narch = {:?}", std::env::consts::OS, std::env::consts::ARCH)?;
    writeln!(f, "message = {:?}", msg)?;
    if let Some(loc) = info.location() {
        writeln!(f, "location = \"{}:{}:{}\"", loc.file(), loc.line(), loc.column())?;
        if let Some(src) = context::snippet(loc.file(), loc.line()) {
            writeln!(f, "source = '''\n{}'''", src)?;
        }
    }
    writeln!(f, "backtrace = '''\n{}'''", Backtrace::force_capture())?;
    Ok(path)
}
