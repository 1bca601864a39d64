//! External-command collectors (script_exporter / textfile style).

use crate::metrics::{Collector, Family, Kind, Sample};
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Runs a command on every scrape and merges its text-format output.
#[derive(Debug, Clone)]
pub struct ScriptCollector {
    name: String,
    argv: Vec<String>,
    env: Vec<(String, String)>,
    timeout: Duration,
    max_output: usize,
}

impl ScriptCollector {
    /// `argv[0]` is the program, the rest its arguments. No shell is involved.
    pub fn new<I, S>(name: impl Into<String>, argv: I) -> ScriptCollector
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        ScriptCollector {
            name: name.into(),
            argv: argv.into_iter().map(Into::into).collect(),
            env: Vec::new(),
            timeout: Duration::from_secs(5),
            max_output: 4 << 20,
        }
    }

    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    pub fn env(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.env.push((k.into(), v.into()));
        self
    }

    pub fn max_output(mut self, bytes: usize) -> Self {
        self.max_output = bytes;
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs once and returns the merged families, including the
    /// `script_success` / `script_duration_seconds` meta metrics.
    pub fn collect_once(&self) -> Vec<Family> {
        let start = Instant::now();
        let res = run_argv(&self.argv, &self.env, self.timeout, self.max_output);
        let took = start.elapsed().as_secs_f64();
        let label = vec![("script".to_string(), self.name.clone())];

        let mut fams = Vec::new();
        let mut ok = Family::new("script_success", "Whether the script exited successfully.", Kind::Gauge);
        let mut dur = Family::new("script_duration_seconds", "Script run time.", Kind::Gauge);
        dur.samples.push(Sample { name: dur.name.clone(), labels: label.clone(), value: took });
        match res {
            Ok(text) => {
                ok.samples.push(Sample { name: ok.name.clone(), labels: label, value: 1.0 });
                let (mut parsed, stray) = parse_output(&text);
                if !stray.is_empty() {
                    ok.notes.push(format!("script {}:", self.name));
                    ok.notes.extend(stray);
                }
                fams.push(ok);
                fams.push(dur);
                fams.append(&mut parsed);
            }
            Err(e) => {
                ok.samples.push(Sample { name: ok.name.clone(), labels: label, value: 0.0 });
                ok.notes.push(format!("script {}: {e}", self.name));
                fams.push(ok);
                fams.push(dur);
            }
        }
        fams
    }
}

impl Collector for ScriptCollector {
    fn collect(&self) -> Vec<Family> {
        self.collect_once()
    }
}

/// Spawns `argv` directly (no shell), captures stdout with a size cap and
/// kills the child after `timeout`.
pub(crate) fn run_argv(
    argv: &[String],
    env: &[(String, String)],
    timeout: Duration,
    cap: usize,
) -> io::Result<String> {
    let (prog, args) = argv
        .split_first()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "empty command"))?;
    let mut child = Command::new(prog)
        .args(args)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = thread::spawn(move || {
        let mut b = Vec::new();
        let _ = (&mut out).take(cap as u64).read_to_end(&mut b);
        b
    });
    let t_err = thread::spawn(move || {
        let mut b = Vec::new();
        let _ = (&mut err).take(64 * 1024).read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait()? {
            break st;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::new(io::ErrorKind::TimedOut, "script timed out"));
        }
        thread::sleep(Duration::from_millis(10));
    };
    let stdout = t_out.join().unwrap_or_default();
    let stderr = t_err.join().unwrap_or_default();
    let mut text = String::from_utf8_lossy(&stdout).into_owned();
    if !status.success() {
        // Keep stderr: it is usually the only clue why a script failed.
        text.push_str(&String::from_utf8_lossy(&stderr));
        if text.trim().is_empty() {
            return Err(io::Error::new(io::ErrorKind::Other, format!("exit status {status}")));
        }
    }
    Ok(text)
}

fn parse_labels(s: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let eq = rest.find('=')?;
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start().strip_prefix('"')?;
        let mut val = String::new();
        let mut chars = after.char_indices();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, 'n')) => val.push('\n'),
                    Some((_, x)) => val.push(x),
                    None => return None,
                },
                '"' => {
                    end = Some(i);
                    break;
                }
                c => val.push(c),
            }
        }
        out.push((key, val));
        rest = after[end? + 1..].trim_start().trim_start_matches(',').trim_start();
    }
    Some(out)
}

fn parse_sample(line: &str) -> Option<Sample> {
    let (head, value) = match line.find('}') {
        Some(close) => (&line[..=close], line[close + 1..].trim()),
        None => {
            let mut it = line.splitn(2, char::is_whitespace);
            (it.next()?, it.next()?.trim())
        }
    };
    let value = value.split_whitespace().next()?;
    let value: f64 = match value {
        "+Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        "NaN" => f64::NAN,
        v => v.parse().ok()?,
    };
    let (name, labels) = match head.find('{') {
        Some(open) => (&head[..open], parse_labels(head[open + 1..].strip_suffix('}')?)?),
        None => (head, Vec::new()),
    };
    if !crate::valid_metric_name(name) {
        return None;
    }
    Some(Sample { name: name.to_string(), labels, value })
}

/// Splits script output into families. Lines that are neither comments nor
/// valid samples are returned separately so they can be surfaced as notes.
pub(crate) fn parse_output(text: &str) -> (Vec<Family>, Vec<String>) {
    let mut fams: BTreeMap<String, Family> = BTreeMap::new();
    let mut stray = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("# HELP ") {
            let mut it = rest.splitn(2, ' ');
            if let (Some(n), Some(h)) = (it.next(), it.next()) {
                fams.entry(n.to_string()).or_insert_with(|| Family::new(n, "", Kind::Untyped)).help =
                    h.to_string();
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let mut it = rest.split_whitespace();
            if let (Some(n), Some(t)) = (it.next(), it.next()) {
                let k = match t {
                    "counter" => Kind::Counter,
                    "gauge" => Kind::Gauge,
                    "histogram" => Kind::Histogram,
                    _ => Kind::Untyped,
                };
                fams.entry(n.to_string()).or_insert_with(|| Family::new(n, "", k)).kind = k;
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        match parse_sample(line) {
            Some(s) => {
                let base = ["_bucket", "_sum", "_count", "_total"]
                    .iter()
                    .find_map(|suf| s.name.strip_suffix(suf).filter(|b| fams.contains_key(*b)))
                    .unwrap_or(&s.name)
                    .to_string();
                fams.entry(base.clone())
                    .or_insert_with(|| Family::new(base, "", Kind::Untyped))
                    .samples
                    .push(s);
            }
            None => stray.push(raw.to_string()),
        }
    }
    (fams.into_values().collect(), stray)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exposition() {
        let text = "# HELP raid_ok Array health.\n# TYPE raid_ok gauge\nraid_ok{md=\"md0\"} 1\nnot a sample\n";
        let (f, stray) = parse_output(text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, Kind::Gauge);
        assert_eq!(f[0].samples[0].labels, vec![("md".into(), "md0".into())]);
        assert_eq!(stray, vec!["not a sample".to_string()]);
    }
}
