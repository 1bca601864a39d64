//! systemd `--user` units.

use std::path::{Path, PathBuf};

use crate::{Plan, Schedule, ServiceSpec, Step};

/// Quote one word for `ExecStart=`/`Environment=` (systemd.syntax(7)).
pub(crate) fn quote(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    out.push('"');
    for c in word.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // specifier and variable expansion
            '%' => out.push_str("%%"),
            '$' => out.push_str("$$"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn unit_dir(home: &Path) -> PathBuf {
    std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".config"))
        .join("systemd")
        .join("user")
}

pub(crate) fn render_service(spec: &ServiceSpec) -> String {
    let mut s = String::new();
    s.push_str("[Unit]\n");
    s.push_str(&format!("Description={}\n", spec.description));
    s.push_str("\n[Service]\n");
    match spec.schedule {
        Schedule::KeepAlive => s.push_str("Type=simple\nRestart=on-failure\nRestartSec=5\n"),
        Schedule::AtLogin | Schedule::Every(_) => s.push_str("Type=oneshot\n"),
    }
    let mut exec = quote(&spec.program.to_string_lossy());
    for a in &spec.args {
        exec.push(' ');
        exec.push_str(&quote(a));
    }
    s.push_str(&format!("ExecStart={exec}\n"));
    for (k, v) in &spec.env {
        s.push_str(&format!("Environment={}\n", quote(&format!("{k}={v}"))));
    }
    if let Some(wd) = &spec.working_dir {
        s.push_str(&format!("WorkingDirectory={}\n", quote(&wd.to_string_lossy())));
    }
    if !matches!(spec.schedule, Schedule::Every(_)) {
        s.push_str("\n[Install]\nWantedBy=default.target\n");
    }
    s
}

pub(crate) fn render_timer(spec: &ServiceSpec) -> Option<String> {
    let Schedule::Every(d) = spec.schedule else {
        return None;
    };
    let secs = d.as_secs().max(60);
    Some(format!(
        "[Unit]\nDescription={} (timer)\n\n[Timer]\nOnStartupSec=60\nOnUnitActiveSec={secs}s\n\n[Install]\nWantedBy=timers.target\n",
        spec.description
    ))
}

fn systemctl(args: &[&str], best_effort: bool) -> Step {
    Step::Run {
        program: "systemctl".into(),
        args: std::iter::once("--user")
            .chain(args.iter().copied())
            .map(str::to_owned)
            .collect(),
        best_effort,
    }
}

pub(crate) fn install(spec: &ServiceSpec, home: &Path) -> Plan {
    let dir = unit_dir(home);
    let service = format!("{}.service", spec.label);
    let mut steps = vec![Step::WriteFile {
        path: dir.join(&service),
        contents: render_service(spec),
    }];
    let enable = if let Some(timer) = render_timer(spec) {
        let name = format!("{}.timer", spec.label);
        steps.push(Step::WriteFile {
            path: dir.join(&name),
            contents: timer,
        });
        name
    } else {
        service
    };
    steps.push(systemctl(&["daemon-reload"], false));
    steps.push(systemctl(&["enable", "--now", &enable], false));
    Plan { steps }
}

pub(crate) fn uninstall(spec: &ServiceSpec, home: &Path) -> Plan {
    let dir = unit_dir(home);
    let service = format!("{}.service", spec.label);
    let timer = format!("{}.timer", spec.label);
    Plan {
        steps: vec![
            systemctl(&["disable", "--now", &timer], true),
            systemctl(&["disable", "--now", &service], true),
            Step::RemoveFile { path: dir.join(&timer) },
            Step::RemoveFile { path: dir.join(&service) },
            systemctl(&["daemon-reload"], true),
        ],
    }
}
