use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use snipexpand::{Cleaner, Event, Snippets, WatchOptions};

const USAGE: &str = "\
usage: snipx <command> [options]

commands:
  list                 show configured triggers
  expand TRIGGER       print the expansion of TRIGGER
  clean                clean stdin and print it
  watch                expand and clean the clipboard until interrupted

options:
  --file PATH          snippet file (default: ~/.config/snipx/snippets)
  --interval MS        clipboard poll interval for `watch` (default 250)
  --no-clean           do not clean copied text in `watch`
  -v, --verbose        report every expansion and cleanup
";

struct Args {
    cmd: String,
    rest: Vec<String>,
    file: Option<PathBuf>,
    interval: u64,
    clean: bool,
    verbose: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let cmd = it.next().ok_or("missing command")?;
    let mut a = Args { cmd, rest: Vec::new(), file: None, interval: 250, clean: true, verbose: false };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--file" => a.file = Some(it.next().ok_or("--file needs a path")?.into()),
            "--interval" => {
                a.interval = it
                    .next()
                    .ok_or("--interval needs a value")?
                    .parse()
                    .map_err(|_| "--interval must be a number of milliseconds")?
            }
            "--no-clean" => a.clean = false,
            "-v" | "--verbose" => a.verbose = true,
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ => a.rest.push(arg),
        }
    }
    Ok(a)
}

fn load(a: &Args) -> Result<Snippets, String> {
    let path = a
        .file
        .clone()
        .or_else(Snippets::default_path)
        .ok_or("cannot determine snippet file location; pass --file")?;
    if !path.exists() {
        return Ok(Snippets::default());
    }
    Snippets::load(&path).map_err(|e| format!("{}: {e}", path.display()))
}

fn run(a: Args) -> Result<(), String> {
    match a.cmd.as_str() {
        "list" => {
            let s = load(&a)?;
            for t in s.triggers() {
                let body = s.get(t).unwrap_or_default().replace('\n', "\\n");
                println!("{t:<12} {body}");
            }
            Ok(())
        }
        "expand" => {
            let s = load(&a)?;
            let trig = a.rest.first().ok_or("expand needs a trigger")?;
            let out = s.expand_suffix(trig).ok_or_else(|| format!("no snippet for {trig}"))?;
            println!("{out}");
            Ok(())
        }
        "clean" => {
            let mut input = String::new();
            io::stdin().read_to_string(&mut input).map_err(|e| e.to_string())?;
            print!("{}", Cleaner::default().clean(&input).unwrap_or(input));
            Ok(())
        }
        "watch" => {
            let s = load(&a)?;
            let opts = WatchOptions {
                interval: Duration::from_millis(a.interval.max(20)),
                cleaner: if a.clean { Some(Cleaner::default()) } else { None },
                ..Default::default()
            };
            let stop = Arc::new(AtomicBool::new(false));
            eprintln!("snipx: watching clipboard with {} snippet(s); Ctrl-C to stop", s.len());
            let verbose = a.verbose;
            snipexpand::watch(&s, &opts, &stop, |ev| match ev {
                Event::Expanded { .. } if verbose => eprintln!("snipx: expanded"),
                Event::Cleaned { .. } if verbose => eprintln!("snipx: cleaned"),
                Event::ClipboardError(e) => eprintln!("snipx: {e}"),
                _ => {}
            })
            .map_err(|e| e.to_string())?;
            stop.store(true, Ordering::Relaxed);
            Ok(())
        }
        other => Err(format!("unknown command {other}")),
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("snipx: {msg}\n");
            }
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("snipx: {e}");
            ExitCode::FAILURE
        }
    }
}
