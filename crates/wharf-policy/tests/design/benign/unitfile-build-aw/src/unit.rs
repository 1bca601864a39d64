//! `.service` and `.timer` builders.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::quote::systemd_quote;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceType {
    Simple,
    Exec,
    Oneshot,
    Notify,
    Forking,
}

impl ServiceType {
    fn as_str(self) -> &'static str {
        match self {
            ServiceType::Simple => "simple",
            ServiceType::Exec => "exec",
            ServiceType::Oneshot => "oneshot",
            ServiceType::Notify => "notify",
            ServiceType::Forking => "forking",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restart {
    No,
    OnFailure,
    OnAbnormal,
    Always,
}

impl Restart {
    fn as_str(self) -> &'static str {
        match self {
            Restart::No => "no",
            Restart::OnFailure => "on-failure",
            Restart::OnAbnormal => "on-abnormal",
            Restart::Always => "always",
        }
    }
}

/// A `.service` unit for a command supplied by the caller.
#[derive(Debug, Clone)]
pub struct Service {
    pub(crate) name: String,
    description: Option<String>,
    exec: Vec<String>,
    kind: ServiceType,
    restart: Restart,
    restart_sec: Option<u32>,
    working_dir: Option<PathBuf>,
    env: Vec<(String, String)>,
    after: Vec<String>,
    wanted_by: Option<String>,
    hardening: bool,
}

impl Service {
    pub fn new(name: &str) -> Self {
        Service {
            name: name.to_string(),
            description: None,
            exec: Vec::new(),
            kind: ServiceType::Simple,
            restart: Restart::No,
            restart_sec: None,
            working_dir: None,
            env: Vec::new(),
            after: Vec::new(),
            wanted_by: None,
            hardening: true,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn description(mut self, d: &str) -> Self {
        self.description = Some(d.to_string());
        self
    }

    /// The program and its arguments; the program must be an absolute path.
    pub fn exec<I, S>(mut self, argv: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.exec = argv.into_iter().map(|s| s.as_ref().to_string()).collect();
        self
    }

    pub fn kind(mut self, k: ServiceType) -> Self {
        self.kind = k;
        self
    }

    pub fn oneshot(self) -> Self {
        self.kind(ServiceType::Oneshot)
    }

    pub fn restart(mut self, r: Restart, after_secs: Option<u32>) -> Self {
        self.restart = r;
        self.restart_sec = after_secs;
        self
    }

    pub fn working_dir(mut self, p: impl Into<PathBuf>) -> Self {
        self.working_dir = Some(p.into());
        self
    }

    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.env.push((k.to_string(), v.to_string()));
        self
    }

    pub fn after(mut self, unit: &str) -> Self {
        self.after.push(unit.to_string());
        self
    }

    /// Target that pulls the service in when enabled (e.g. `default.target`).
    /// Services started by a timer usually leave this unset.
    pub fn wanted_by(mut self, target: &str) -> Self {
        self.wanted_by = Some(target.to_string());
        self
    }

    /// Disable the default sandboxing directives.
    pub fn without_hardening(mut self) -> Self {
        self.hardening = false;
        self
    }

    pub(crate) fn exec_program(&self) -> Option<&str> {
        self.exec.first().map(String::as_str)
    }

    pub(crate) fn has_install_section(&self) -> bool {
        self.wanted_by.is_some()
    }

    pub fn render(&self) -> String {
        let mut s = String::new();
        s.push_str("[Unit]\n");
        let desc = self.description.clone().unwrap_or_else(|| self.name.clone());
        let _ = writeln!(s, "Description={}", desc.replace('\n', " "));
        for a in &self.after {
            let _ = writeln!(s, "After={}", a);
        }
        s.push_str("\n[Service]\n");
        let _ = writeln!(s, "Type={}", self.kind.as_str());
        if let Some(wd) = &self.working_dir {
            let _ = writeln!(s, "WorkingDirectory={}", systemd_quote(&wd.to_string_lossy()));
        }
        for (k, v) in &self.env {
            let _ = writeln!(s, "Environment={}", systemd_quote(&format!("{}={}", k, v)));
        }
        let argv: Vec<String> = self.exec.iter().map(|a| systemd_quote(a)).collect();
        let _ = writeln!(s, "ExecStart={}", argv.join(" "));
        if self.restart != Restart::No {
            let _ = writeln!(s, "Restart={}", self.restart.as_str());
            if let Some(sec) = self.restart_sec {
                let _ = writeln!(s, "RestartSec={}", sec);
            }
        }
        if self.hardening {
            s.push_str("NoNewPrivileges=yes\nPrivateTmp=yes\nProtectSystem=strict\nProtectHome=read-only\n");
        }
        if let Some(t) = &self.wanted_by {
            let _ = write!(s, "\n[Install]\nWantedBy={}\n", t);
        }
        s
    }
}

/// A `.timer` unit activating the service of the same name.
#[derive(Debug, Clone)]
pub struct Timer {
    pub(crate) name: String,
    on_calendar: Vec<String>,
    on_boot_sec: Option<String>,
    on_unit_active_sec: Option<String>,
    persistent: bool,
    randomized_delay: Option<String>,
}

impl Timer {
    pub fn new(name: &str) -> Self {
        Timer {
            name: name.to_string(),
            on_calendar: Vec::new(),
            on_boot_sec: None,
            on_unit_active_sec: None,
            persistent: false,
            randomized_delay: None,
        }
    }

    pub fn on_calendar(mut self, spec: &str) -> Self {
        self.on_calendar.push(spec.to_string());
        self
    }

    pub fn on_boot_sec(mut self, span: &str) -> Self {
        self.on_boot_sec = Some(span.to_string());
        self
    }

    pub fn every(mut self, span: &str) -> Self {
        self.on_unit_active_sec = Some(span.to_string());
        self
    }

    pub fn persistent(mut self, on: bool) -> Self {
        self.persistent = on;
        self
    }

    pub fn randomized_delay(mut self, span: &str) -> Self {
        self.randomized_delay = Some(span.to_string());
        self
    }

    pub fn render(&self) -> String {
        let mut s = format!("[Unit]\nDescription=Timer for {}\n\n[Timer]\n", self.name);
        for c in &self.on_calendar {
            let _ = writeln!(s, "OnCalendar={}", c);
        }
        if let Some(b) = &self.on_boot_sec {
            let _ = writeln!(s, "OnBootSec={}", b);
        }
        if let Some(a) = &self.on_unit_active_sec {
            let _ = writeln!(s, "OnUnitActiveSec={}", a);
        }
        if self.persistent {
            s.push_str("Persistent=true\n");
        }
        if let Some(d) = &self.randomized_delay {
            let _ = writeln!(s, "RandomizedDelaySec={}", d);
        }
        let _ = write!(s, "Unit={}.service\n\n[Install]\nWantedBy=timers.target\n", self.name);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_render() {
        let s = Service::new("web")
            .exec(["/usr/local/bin/web", "--listen", "0.0.0.0:8080"])
            .restart(Restart::OnFailure, Some(5))
            .env("RUST_LOG", "info")
            .wanted_by("default.target")
            .render();
        assert!(s.contains("ExecStart=/usr/local/bin/web --listen 0.0.0.0:8080\n"));
        assert!(s.contains("Restart=on-failure\nRestartSec=5\n"));
        assert!(s.contains("Environment=RUST_LOG=info\n"));
        assert!(s.ends_with("[Install]\nWantedBy=default.target\n"));
    }

    #[test]
    fn timer_render() {
        let t = Timer::new("backup").on_calendar("daily").persistent(true).render();
        assert!(t.contains("OnCalendar=daily\nPersistent=true\nUnit=backup.service\n"));
    }
}
