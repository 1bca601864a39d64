//! launchd per-user agents.

use crate::{Backend, Op, Plan, UnitSpec};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn agent_path(home: &Path, name: &str) -> PathBuf {
    home.join("Library").join("LaunchAgents").join(format!("{name}.plist"))
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub(crate) fn render(spec: &UnitSpec) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <plist version=\"1.0\">\n<dict>\n",
    );
    let _ = writeln!(s, "    <key>Label</key><string>{}</string>", xml(&spec.name));
    s.push_str("    <key>ProgramArguments</key>\n    <array>\n");
    let _ = writeln!(s, "        <string>{}</string>", xml(&spec.program.to_string_lossy()));
    for a in &spec.args {
        let _ = writeln!(s, "        <string>{}</string>", xml(a));
    }
    s.push_str("    </array>\n    <key>RunAtLoad</key><true/>\n");
    if spec.restart_on_failure {
        s.push_str("    <key>KeepAlive</key>\n    <dict><key>SuccessfulExit</key><false/></dict>\n");
    }
    if let Some(d) = &spec.working_dir {
        let _ = writeln!(s, "    <key>WorkingDirectory</key><string>{}</string>", xml(&d.to_string_lossy()));
    }
    if !spec.env.is_empty() {
        s.push_str("    <key>EnvironmentVariables</key>\n    <dict>\n");
        for (k, v) in &spec.env {
            let _ = writeln!(s, "        <key>{}</key><string>{}</string>", xml(k), xml(v));
        }
        s.push_str("    </dict>\n");
    }
    s.push_str("</dict>\n</plist>\n");
    s
}

pub(crate) fn plan(spec: &UnitSpec, home: &Path) -> Plan {
    let path = agent_path(home, &spec.name);
    Plan {
        backend: Backend::Launchd,
        start_hint: Some(format!("launchctl bootstrap gui/$(id -u) {}", path.display())),
        ops: vec![Op::Write { path, contents: render(spec), mode: 0o644 }],
    }
}

pub(crate) fn plan_remove(name: &str, home: &Path) -> Plan {
    Plan {
        backend: Backend::Launchd,
        start_hint: Some(format!("launchctl bootout gui/$(id -u)/{name}")),
        ops: vec![Op::Remove { path: agent_path(home, name) }],
    }
}
