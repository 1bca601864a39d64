use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use imgflash::{find, human, list_devices, preflight, verify, write_image};

fn usage() -> ExitCode {
    eprintln!("usage: imgflash list\n       imgflash write IMAGE DEVICE [--allow-fixed] [--yes --device-serial SERIAL] [--no-verify]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("list") => {
            for d in list_devices().unwrap_or_default() {
                println!(
                    "{:<8} {:>10}  {:<9}  {}",
                    d.name,
                    human(d.size),
                    if d.removable { "removable" } else { "fixed" },
                    d.model
                );
            }
            ExitCode::SUCCESS
        }
        Some("write") if args.len() >= 3 => write_cmd(&args[1..]),
        _ => usage(),
    }
}

fn write_cmd(args: &[String]) -> ExitCode {
    let image = PathBuf::from(&args[0]);
    let devpath = PathBuf::from(&args[1]);
    let flag = |f: &str| args.iter().any(|a| a == f);
    let serial = args.iter().position(|a| a == "--device-serial").and_then(|i| args.get(i + 1));

    let Some(dev) = find(&devpath) else {
        eprintln!("imgflash: {}: not a whole-disk block device", devpath.display());
        return ExitCode::FAILURE;
    };
    let len = match std::fs::metadata(&image) {
        Ok(m) => m.len(),
        Err(e) => {
            eprintln!("imgflash: {}: {e}", image.display());
            return ExitCode::FAILURE;
        }
    };
    if let Err(r) = preflight(&dev, len, flag("--allow-fixed")) {
        eprintln!("imgflash: refusing {}: {r}", dev.path.display());
        return ExitCode::FAILURE;
    }

    let scripted = flag("--yes") && serial.map_or(false, |s| !dev.serial.is_empty() && *s == dev.serial);
    if !scripted {
        print!(
            "About to ERASE {} ({}, {}). Type the device name to confirm: ",
            dev.path.display(),
            human(dev.size),
            dev.model
        );
        let _ = io::stdout().flush();
        let mut line = String::new();
        let _ = io::stdin().lock().read_line(&mut line);
        if line.trim() != dev.name {
            eprintln!("imgflash: not confirmed, nothing written");
            return ExitCode::FAILURE;
        }
    }

    let report = |label: &'static str| {
        move |done: u64, total: u64| {
            let pct = if total == 0 { 100 } else { done * 100 / total };
            eprint!("\r{label} {pct:>3}%  {}", human(done));
        }
    };
    let digest = match write_image(&image, &dev, report("writing  ")) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("\nimgflash: write failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!();
    if flag("--no-verify") {
        return ExitCode::SUCCESS;
    }
    match verify(&dev, len, &digest, report("verifying")) {
        Ok(true) => {
            eprintln!("\nsha256 ok");
            ExitCode::SUCCESS
        }
        Ok(false) => {
            eprintln!("\nimgflash: verification FAILED: device contents differ from image");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("\nimgflash: verify failed: {e}");
            ExitCode::FAILURE
        }
    }
}
