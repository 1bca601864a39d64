//! launchd per-user agents (`~/Library/LaunchAgents`).

use std::path::{Path, PathBuf};

use crate::{Plan, Schedule, ServiceSpec, Step};

pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn plist_path(spec: &ServiceSpec, home: &Path) -> PathBuf {
    home.join("Library")
        .join("LaunchAgents")
        .join(format!("{}.plist", spec.label))
}

pub(crate) fn render(spec: &ServiceSpec) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
         <plist version=\"1.0\">\n<dict>\n",
    );
    s.push_str(&format!("  <key>Label</key>\n  <string>{}</string>\n", xml_escape(&spec.label)));
    s.push_str("  <key>ProgramArguments</key>\n  <array>\n");
    s.push_str(&format!("    <string>{}</string>\n", xml_escape(&spec.program.to_string_lossy())));
    for a in &spec.args {
        s.push_str(&format!("    <string>{}</string>\n", xml_escape(a)));
    }
    s.push_str("  </array>\n");
    if !spec.env.is_empty() {
        s.push_str("  <key>EnvironmentVariables</key>\n  <dict>\n");
        for (k, v) in &spec.env {
            s.push_str(&format!(
                "    <key>{}</key>\n    <string>{}</string>\n",
                xml_escape(k),
                xml_escape(v)
            ));
        }
        s.push_str("  </dict>\n");
    }
    if let Some(wd) = &spec.working_dir {
        s.push_str(&format!(
            "  <key>WorkingDirectory</key>\n  <string>{}</string>\n",
            xml_escape(&wd.to_string_lossy())
        ));
    }
    match spec.schedule {
        Schedule::KeepAlive => s.push_str("  <key>RunAtLoad</key>\n  <true/>\n  <key>KeepAlive</key>\n  <true/>\n"),
        Schedule::AtLogin => s.push_str("  <key>RunAtLoad</key>\n  <true/>\n"),
        Schedule::Every(d) => s.push_str(&format!(
            "  <key>StartInterval</key>\n  <integer>{}</integer>\n",
            d.as_secs().max(60)
        )),
    }
    s.push_str("</dict>\n</plist>\n");
    s
}

pub(crate) fn install(spec: &ServiceSpec, home: &Path) -> Plan {
    let path = plist_path(spec, home);
    Plan {
        steps: vec![
            Step::WriteFile {
                path: path.clone(),
                contents: render(spec),
            },
            Step::Run {
                program: "launchctl".into(),
                args: vec!["load".into(), "-w".into(), path.to_string_lossy().into_owned()],
                best_effort: false,
            },
        ],
    }
}

pub(crate) fn uninstall(spec: &ServiceSpec, home: &Path) -> Plan {
    let path = plist_path(spec, home);
    Plan {
        steps: vec![
            Step::Run {
                program: "launchctl".into(),
                args: vec!["unload".into(), "-w".into(), path.to_string_lossy().into_owned()],
                best_effort: true,
            },
            Step::RemoveFile { path },
        ],
    }
}
