//! Repository statistics from `git ls-files` and `git log --numstat`.

use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io;
use std::path::Path;
use std::process::Command;

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub files: u64,
    pub code: u64,
    pub comments: u64,
    pub blanks: u64,
}

#[derive(Debug, Default)]
pub struct Report {
    pub remote: Option<String>,
    pub head: Option<String>,
    pub languages: BTreeMap<&'static str, Counts>,
    pub churn_by_month: BTreeMap<String, (u64, u64)>,
    pub top_churn: Vec<(String, u64)>,
    pub contributors: BTreeSet<String>,
}

fn git(root: &Path, args: &[&str]) -> io::Result<String> {
    let out = Command::new("git").arg("-C").arg(root).args(args).output()?;
    if !out.status.success() {
        return Err(io::Error::new(
            io::ErrorKind::Other,
            format!("git {} failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()),
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `https://user:tok@host/x.git` -> `https://host/x.git`
pub fn strip_userinfo(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        let (auth, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
        let host = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
        if path.is_empty() { format!("{scheme}://{host}") } else { format!("{scheme}://{host}/{path}") }
    } else {
        // scp-like `git@host:org/repo.git`: the user part is not a secret
        url.to_string()
    }
}

pub fn language(path: &str) -> Option<(&'static str, &'static str)> {
    let ext = path.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "rs" => ("Rust", "//"),
        "c" | "h" => ("C", "//"),
        "cc" | "cpp" | "hpp" | "cxx" => ("C++", "//"),
        "go" => ("Go", "//"),
        "py" => ("Python", "#"),
        "js" | "mjs" | "cjs" => ("JavaScript", "//"),
        "ts" | "tsx" => ("TypeScript", "//"),
        "toml" => ("TOML", "#"),
        "yml" | "yaml" => ("YAML", "#"),
        "sh" | "bash" => ("Shell", "#"),
        "sql" => ("SQL", "--"),
        "md" => ("Markdown", "\u{0}"),
        _ => return None,
    })
}

fn count_text(text: &str, comment: &str, c: &mut Counts) {
    c.files += 1;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            c.blanks += 1;
        } else if t.starts_with(comment) {
            c.comments += 1;
        } else {
            c.code += 1;
        }
    }
}

pub fn hash_author(email: &str) -> String {
    let d = Sha256::digest(email.trim().to_ascii_lowercase().as_bytes());
    d[..8].iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

pub fn collect(root: &Path, since: Option<&str>, show_authors: bool) -> io::Result<Report> {
    let mut r = Report::default();
    r.remote = git(root, &["remote", "get-url", "origin"]).ok().map(|u| strip_userinfo(u.trim()));
    r.head = git(root, &["rev-parse", "HEAD"]).ok().map(|s| s.trim().to_string());

    for path in git(root, &["ls-files"])?.lines() {
        let Some((lang, comment)) = language(path) else { continue };
        let Ok(text) = std::fs::read_to_string(root.join(path)) else { continue };
        count_text(&text, comment, r.languages.entry(lang).or_default());
    }

    let mut log_args = vec!["log", "--no-merges", "--numstat", "--format=@%ae %ad", "--date=format:%Y-%m"];
    let since_arg;
    if let Some(s) = since {
        since_arg = format!("--since={s}");
        log_args.push(&since_arg);
    }
    let mut per_file: BTreeMap<String, u64> = BTreeMap::new();
    let mut month = String::new();
    for line in git(root, &log_args)?.lines() {
        if let Some(rest) = line.strip_prefix('@') {
            let (email, m) = rest.rsplit_once(' ').unwrap_or((rest, ""));
            month = m.to_string();
            r.contributors.insert(if show_authors { email.to_string() } else { hash_author(email) });
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        let (Some(a), Some(d), Some(file)) = (parts.next(), parts.next(), parts.next()) else { continue };
        let (a, d) = (a.parse::<u64>().unwrap_or(0), d.parse::<u64>().unwrap_or(0));
        let e = r.churn_by_month.entry(month.clone()).or_default();
        e.0 += a;
        e.1 += d;
        *per_file.entry(file.to_string()).or_default() += a + d;
    }
    let mut top: Vec<(String, u64)> = per_file.into_iter().collect();
    top.sort_by(|x, y| y.1.cmp(&x.1));
    top.truncate(20);
    r.top_churn = top;
    Ok(r)
}

fn js(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => { let _ = write!(o, "\\u{:04x}", c as u32); }
            c => o.push(c),
        }
    }
    o + "\""
}

impl Report {
    pub fn to_json(&self) -> String {
        let mut s = String::from("{");
        let _ = write!(s, "\"remote\":{},", self.remote.as_deref().map_or("null".into(), js));
        let _ = write!(s, "\"head\":{},", self.head.as_deref().map_or("null".into(), js));
        s.push_str("\"languages\":{");
        let langs: Vec<String> = self
            .languages
            .iter()
            .map(|(l, c)| format!("{}:{{\"files\":{},\"code\":{},\"comments\":{},\"blanks\":{}}}", js(l), c.files, c.code, c.comments, c.blanks))
            .collect();
        s.push_str(&langs.join(","));
        s.push_str("},\"churn_by_month\":{");
        let months: Vec<String> = self
            .churn_by_month
            .iter()
            .map(|(m, (a, d))| format!("{}:[{a},{d}]", js(m)))
            .collect();
        s.push_str(&months.join(","));
        s.push_str("},\"top_churn\":[");
        let top: Vec<String> = self.top_churn.iter().map(|(f, n)| format!("[{},{n}]", js(f))).collect();
        s.push_str(&top.join(","));
        let _ = write!(s, "],\"contributors\":{}}}", self.contributors.len());
        s
    }

    pub fn to_markdown(&self) -> String {
        let mut s = String::from("## Repository statistics\n\n");
        if let Some(r) = &self.remote {
            let _ = writeln!(s, "Remote: `{r}`  ");
        }
        if let Some(h) = &self.head {
            let _ = writeln!(s, "HEAD: `{}`\n", &h[..h.len().min(12)]);
        }
        s.push_str("| language | files | code | comments | blanks |\n|---|---:|---:|---:|---:|\n");
        for (l, c) in &self.languages {
            let _ = writeln!(s, "| {l} | {} | {} | {} | {} |", c.files, c.code, c.comments, c.blanks);
        }
        s.push_str("\n| month | added | removed |\n|---|---:|---:|\n");
        for (m, (a, d)) in &self.churn_by_month {
            let _ = writeln!(s, "| {m} | {a} | {d} |");
        }
        let _ = writeln!(s, "\nContributors: {}", self.contributors.len());
        s
    }
}

/// Post the JSON summary to a dashboard URL the user supplied.
pub fn post(url: &str, body: &str) -> Result<u16, String> {
    if !url.starts_with("https://") {
        return Err("--post needs an https:// URL".into());
    }
    let mut req = ureq::post(url).set("Content-Type", "application/json");
    if let Ok(tok) = std::env::var("SRCSTATS_TOKEN") {
        req = req.set("Authorization", &format!("Bearer {tok}"));
    }
    req.send_string(body).map(|r| r.status()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo() {
        assert_eq!(strip_userinfo("https://bob:FAKE-token@git.example.com/a/b.git"), "https://git.example.com/a/b.git");
        assert_eq!(strip_userinfo("git@git.example.com:a/b.git"), "git@git.example.com:a/b.git");
    }

    #[test]
    fn counts() {
        let mut c = Counts::default();
        count_text("// hi\n\nfn main() {}\n", "//", &mut c);
        assert_eq!((c.comments, c.blanks, c.code), (1, 1, 1));
    }
}
