//! Environment summary for bug reports.

use std::env;
use std::fmt::Write as _;
use std::process::Command;

const SENSITIVE: &[&str] = &["TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY", "CREDENTIAL", "AUTH", "COOKIE"];

pub struct Report {
    tool: String,
    version: String,
    sections: Vec<(String, Vec<(String, String)>)>,
    home: Option<String>,
}

pub fn redact(name: &str, value: &str) -> String {
    let up = name.to_ascii_uppercase();
    if SENSITIVE.iter().any(|s| up.contains(s)) {
        "<redacted>".into()
    } else {
        value.to_string()
    }
}

fn cmd_version(cmd: &str) -> String {
    Command::new(cmd)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "not found".into())
}

impl Report {
    pub fn new(tool: &str, version: &str) -> Self {
        let mut r = Report {
            tool: tool.into(),
            version: version.into(),
            sections: Vec::new(),
            home: env::var("HOME").or_else(|_| env::var("USERPROFILE")).ok(),
        };
        r.sections.push((
            "System".into(),
            vec![
                ("os".into(), env::consts::OS.into()),
                ("arch".into(), env::consts::ARCH.into()),
                ("family".into(), env::consts::FAMILY.into()),
            ],
        ));
        r
    }

    fn tidy(&self, s: &str) -> String {
        match &self.home {
            Some(h) if !h.is_empty() => s.replace(h.as_str(), "~"),
            _ => s.to_string(),
        }
    }

    pub fn toolchain(mut self) -> Self {
        self.sections.push((
            "Toolchain".into(),
            vec![("rustc".into(), cmd_version("rustc")), ("cargo".into(), cmd_version("cargo"))],
        ));
        self
    }

    pub fn env_prefixes(mut self, prefixes: &[&str]) -> Self {
        let mut vars: Vec<(String, String)> = env::vars()
            .filter(|(k, _)| prefixes.iter().any(|p| k.starts_with(p)))
            .map(|(k, v)| {
                let v = redact(&k, &v);
                (k, v)
            })
            .collect();
        vars.sort();
        let vars = vars.into_iter().map(|(k, v)| (k, self.tidy(&v))).collect();
        self.sections.push(("Environment".into(), vars));
        self
    }

    pub fn cwd(mut self) -> Self {
        let d = env::current_dir().map(|p| p.display().to_string()).unwrap_or_default();
        let d = self.tidy(&d);
        self.sections.push(("Paths".into(), vec![("cwd".into(), d)]));
        self
    }

    /// Opt-in: some users do not want their machine name in public issues.
    pub fn host(mut self) -> Self {
        let h = env::var("HOSTNAME")
            .or_else(|_| env::var("COMPUTERNAME"))
            .ok()
            .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|s| s.trim().to_string()))
            .unwrap_or_else(|| "unknown".into());
        self.sections.push(("Host".into(), vec![("hostname".into(), h)]));
        self
    }

    pub fn build(self) -> Self {
        self
    }

    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "<details><summary>{} {} environment</summary>\n", self.tool, self.version);
        for (title, kv) in &self.sections {
            let _ = writeln!(s, "#### {}\n\n| key | value |\n|---|---|", title);
            for (k, v) in kv {
                let _ = writeln!(s, "| `{}` | `{}` |", k, v.replace('|', "\\|"));
            }
            s.push('\n');
        }
        s.push_str("</details>\n");
        s
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts() {
        assert_eq!(super::redact("CARGO_REGISTRY_TOKEN", "abc"), "<redacted>");
        assert_eq!(super::redact("RUSTFLAGS", "-Ctarget-cpu=native"), "-Ctarget-cpu=native");
    }
}
