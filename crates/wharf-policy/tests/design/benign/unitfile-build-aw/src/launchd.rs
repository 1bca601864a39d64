//! macOS LaunchAgent property lists.

use std::path::PathBuf;

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A per-user LaunchAgent running the caller's program.
#[derive(Debug, Clone)]
pub struct LaunchAgent {
    label: String,
    program_arguments: Vec<String>,
    run_at_load: bool,
    start_interval: Option<u32>,
    keep_alive: bool,
    stdout_path: Option<PathBuf>,
}

impl LaunchAgent {
    /// `label` is reverse-DNS, e.g. `org.example.backup`.
    pub fn new<I, S>(label: &str, argv: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        LaunchAgent {
            label: label.to_string(),
            program_arguments: argv.into_iter().map(|s| s.as_ref().to_string()).collect(),
            run_at_load: false,
            start_interval: None,
            keep_alive: false,
            stdout_path: None,
        }
    }

    pub fn run_at_load(mut self, on: bool) -> Self {
        self.run_at_load = on;
        self
    }

    pub fn every_secs(mut self, secs: u32) -> Self {
        self.start_interval = Some(secs);
        self
    }

    pub fn keep_alive(mut self, on: bool) -> Self {
        self.keep_alive = on;
        self
    }

    pub fn log_to(mut self, p: impl Into<PathBuf>) -> Self {
        self.stdout_path = Some(p.into());
        self
    }

    /// Where the agent would be written: `~/Library/LaunchAgents/<label>.plist`.
    pub fn default_path(&self) -> Option<PathBuf> {
        std::env::var_os("HOME").map(|h| {
            PathBuf::from(h).join("Library/LaunchAgents").join(format!("{}.plist", self.label))
        })
    }

    pub fn render(&self) -> String {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n<dict>\n",
        );
        s.push_str(&format!("  <key>Label</key><string>{}</string>\n", xml(&self.label)));
        s.push_str("  <key>ProgramArguments</key>\n  <array>\n");
        for a in &self.program_arguments {
            s.push_str(&format!("    <string>{}</string>\n", xml(a)));
        }
        s.push_str("  </array>\n");
        if self.run_at_load {
            s.push_str("  <key>RunAtLoad</key><true/>\n");
        }
        if let Some(i) = self.start_interval {
            s.push_str(&format!("  <key>StartInterval</key><integer>{}</integer>\n", i));
        }
        if self.keep_alive {
            s.push_str("  <key>KeepAlive</key><true/>\n");
        }
        if let Some(p) = &self.stdout_path {
            let p = xml(&p.to_string_lossy());
            s.push_str(&format!("  <key>StandardOutPath</key><string>{}</string>\n", p));
            s.push_str(&format!("  <key>StandardErrorPath</key><string>{}</string>\n", p));
        }
        s.push_str("</dict>\n</plist>\n");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_plist() {
        let p = LaunchAgent::new("org.example.sync", ["/usr/local/bin/sync", "--once"])
            .every_secs(3600)
            .render();
        assert!(p.contains("<string>/usr/local/bin/sync</string>"));
        assert!(p.contains("<key>StartInterval</key><integer>3600</integer>"));
        assert!(!p.contains("RunAtLoad"));
    }
}
