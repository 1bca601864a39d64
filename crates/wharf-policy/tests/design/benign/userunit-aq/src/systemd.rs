//! systemd user units.

use crate::{Backend, Op, Plan, UnitSpec};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn unit_dir(home: &Path) -> PathBuf {
    home.join(".config").join("systemd").join("user")
}

/// Quotes one word for `ExecStart=` (systemd.syntax(7)): double quotes, backslash escapes,
/// and `$$` / `%%` so that neither variable nor specifier expansion applies.
pub(crate) fn quote(word: &str) -> String {
    let mut o = String::from("\"");
    for c in word.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '$' => o.push_str("$$"),
            '%' => o.push_str("%%"),
            '\n' => o.push_str("\\n"),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

pub(crate) fn render(spec: &UnitSpec) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Installed by {} via userunit; remove with the application's settings.", spec.name);
    s.push_str("[Unit]\n");
    let _ = writeln!(s, "Description={}", spec.description.replace('\n', " "));
    s.push_str("\n[Service]\nType=simple\n");
    let mut exec = quote(&spec.program.to_string_lossy());
    for a in &spec.args {
        exec.push(' ');
        exec.push_str(&quote(a));
    }
    let _ = writeln!(s, "ExecStart={exec}");
    if let Some(d) = &spec.working_dir {
        let _ = writeln!(s, "WorkingDirectory={}", quote(&d.to_string_lossy()));
    }
    for (k, v) in &spec.env {
        let _ = writeln!(s, "Environment={}", quote(&format!("{k}={v}")));
    }
    if spec.restart_on_failure {
        s.push_str("Restart=on-failure\nRestartSec=5\n");
    }
    s.push_str("\n[Install]\nWantedBy=default.target\n");
    s
}

pub(crate) fn plan(spec: &UnitSpec, home: &Path, enable: bool) -> Plan {
    let dir = unit_dir(home);
    let file = dir.join(format!("{}.service", spec.name));
    let mut ops = vec![Op::Write { path: file.clone(), contents: render(spec), mode: 0o644 }];
    if enable {
        ops.push(Op::Symlink {
            link: dir.join("default.target.wants").join(format!("{}.service", spec.name)),
            target: file,
        });
    }
    Plan {
        backend: Backend::Systemd,
        ops,
        start_hint: Some(format!("systemctl --user daemon-reload && systemctl --user start {}.service", spec.name)),
    }
}

pub(crate) fn plan_remove(name: &str, home: &Path) -> Plan {
    let dir = unit_dir(home);
    Plan {
        backend: Backend::Systemd,
        ops: vec![
            Op::Remove { path: dir.join("default.target.wants").join(format!("{name}.service")) },
            Op::Remove { path: dir.join(format!("{name}.service")) },
        ],
        start_hint: Some(format!("systemctl --user stop {name}.service && systemctl --user daemon-reload")),
    }
}
