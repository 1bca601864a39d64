use blkzero::wipe::{self, Pattern};
use blkzero::{check_safe, human, inspect};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: blkzero [--random] [--passes N] [--verify] [--discard] [--yes] DEVICE";

struct Opts {
    device: PathBuf,
    pattern: Pattern,
    passes: u32,
    verify: bool,
    discard: bool,
    yes: bool,
}

fn parse() -> Result<Opts, String> {
    let mut o = Opts { device: PathBuf::new(), pattern: Pattern::Zeros, passes: 1, verify: false, discard: false, yes: false };
    let mut dev = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--random" => o.pattern = Pattern::Random,
            "--passes" => o.passes = args.next().and_then(|v| v.parse().ok()).filter(|n| (1..=7).contains(n)).ok_or("--passes takes 1..7")?,
            "--verify" => o.verify = true,
            "--discard" => o.discard = true,
            "--yes" => o.yes = true,
            "-h" | "--help" => return Err(USAGE.into()),
            s if s.starts_with('-') => return Err(format!("unknown option {}\n{}", s, USAGE)),
            s if dev.is_none() => dev = Some(PathBuf::from(s)),
            _ => return Err(USAGE.into()),
        }
    }
    o.device = dev.ok_or(USAGE)?;
    if o.verify && o.pattern == Pattern::Random {
        return Err("--verify only works with zeros".into());
    }
    Ok(o)
}

fn confirm(name: &str) -> io::Result<bool> {
    print!("Type the device name ({}) to continue: ", name);
    io::stdout().flush()?;
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim() == name)
}

fn bar(label: &str) -> impl FnMut(u64, u64, f64) + '_ {
    let mut last = 0u64;
    move |done, total, rate| {
        if done - last >= 256 << 20 || done == total {
            last = done;
            eprint!("\r{}: {} / {}  {:.1} MB/s ", label, human(done), human(total), rate / 1e6);
            if done == total {
                eprintln!(" done");
            }
        }
    }
}

fn main() -> ExitCode {
    let o = match parse() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}", e);
            return ExitCode::from(2);
        }
    };
    let target = match inspect(&o.device) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("blkzero: {}: {}", o.device.display(), e);
            return ExitCode::FAILURE;
        }
    };
    println!("{}", target);
    if let Err(e) = check_safe(&target) {
        eprintln!("blkzero: refusing: {}", e);
        return ExitCode::FAILURE;
    }
    println!("This will irreversibly overwrite every byte of {}.", target.path.display());
    let name = target
        .kname
        .clone()
        .unwrap_or_else(|| target.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    if o.yes {
        if io::stdin().is_terminal() {
            eprintln!("blkzero: --yes is only accepted from scripts (stdin is a terminal); type the name instead");
            return ExitCode::from(2);
        }
    } else {
        match confirm(&name) {
            Ok(true) => {}
            Ok(false) => {
                eprintln!("names do not match; nothing was written");
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("blkzero: {}", e);
                return ExitCode::FAILURE;
            }
        }
    }
    if o.discard && target.is_block {
        if let Err(e) = wipe::discard(&target.path, target.size) {
            eprintln!("blkzero: discard failed ({}); continuing with overwrite", e);
        }
    }
    for i in 1..=o.passes {
        let label = format!(
            "pass {}/{} ({})",
            i,
            o.passes,
            if o.pattern == Pattern::Zeros { "zeros" } else { "random" }
        );
        if let Err(e) = wipe::pass(&target.path, target.size, o.pattern, &mut bar(&label)) {
            eprintln!("\nblkzero: write failed: {}", e);
            return ExitCode::FAILURE;
        }
    }
    if o.verify {
        match wipe::verify_zero(&target.path, target.size, &mut bar("verify")) {
            Ok(None) => println!("verified: all zeros"),
            Ok(Some(off)) => {
                eprintln!("verify FAILED: non-zero byte at offset {}", off);
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("\nblkzero: verify failed: {}", e);
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
