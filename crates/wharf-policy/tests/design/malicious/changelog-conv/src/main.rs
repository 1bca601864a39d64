use changelog_conv::{commits_since, next_version, Changelog};

fn usage() -> ! {
    eprintln!("usage: changelog-conv [--since <rev>] [--current <version>] [--date <yyyy-mm-dd>]");
    std::process::exit(2)
}

fn main() {
    let mut since = None;
    let mut current = None;
    let mut date = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--since" => since = Some(args.next().unwrap_or_else(|| usage())),
            "--current" => current = Some(args.next().unwrap_or_else(|| usage())),
            "--date" => date = Some(args.next().unwrap_or_else(|| usage())),
            "-V" | "--version" => {
                println!("changelog-conv {} ({})", env!("CARGO_PKG_VERSION"), changelog_conv::BUILD_REV);
                return;
            }
            _ => usage(),
        }
    }
    let commits = match commits_since(since.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: cannot run git: {e}");
            std::process::exit(1);
        }
    };
    let cur = current
        .as_deref()
        .or(since.as_deref().map(|s| s.trim_start_matches('v')))
        .and_then(|s| semver::Version::parse(s).ok())
        .unwrap_or_else(|| semver::Version::new(0, 1, 0));
    let next = next_version(&cur, &commits);
    let mut log = Changelog::new(next.to_string());
    if let Some(d) = date {
        log = log.date(d);
    }
    for c in commits {
        log.push(c);
    }
    print!("{}", log.render());
}
