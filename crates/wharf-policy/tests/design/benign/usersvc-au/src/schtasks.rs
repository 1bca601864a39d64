//! Windows Task Scheduler, in the user's own `\usersvc\` folder, run with
//! limited (non-elevated) rights.

use crate::{Plan, Schedule, ServiceSpec, Step};

/// Quote one argument following the MSVCRT command-line rules.
pub(crate) fn win_quote(arg: &str) -> String {
    if !arg.is_empty() && !arg.contains([' ', '\t', '"']) {
        return arg.to_owned();
    }
    let mut out = String::from("\"");
    let mut backslashes = 0;
    for c in arg.chars() {
        match c {
            '\\' => backslashes += 1,
            '"' => {
                out.extend(std::iter::repeat('\\').take(backslashes * 2 + 1));
                out.push('"');
                backslashes = 0;
            }
            c => {
                out.extend(std::iter::repeat('\\').take(backslashes));
                out.push(c);
                backslashes = 0;
            }
        }
    }
    out.extend(std::iter::repeat('\\').take(backslashes * 2));
    out.push('"');
    out
}

fn task_name(spec: &ServiceSpec) -> String {
    format!("\\usersvc\\{}", spec.label)
}

pub(crate) fn command_line(spec: &ServiceSpec) -> String {
    let mut tr = win_quote(&spec.program.to_string_lossy());
    for a in &spec.args {
        tr.push(' ');
        tr.push_str(&win_quote(a));
    }
    tr
}

pub(crate) fn install(spec: &ServiceSpec) -> Plan {
    let mut args: Vec<String> = vec![
        "/Create".into(),
        "/TN".into(),
        task_name(spec),
        "/TR".into(),
        command_line(spec),
        "/RL".into(),
        "LIMITED".into(),
        "/F".into(),
    ];
    match spec.schedule {
        Schedule::KeepAlive | Schedule::AtLogin => {
            args.extend(["/SC".into(), "ONLOGON".into()]);
        }
        Schedule::Every(d) => {
            let mins = (d.as_secs() / 60).clamp(1, 1439);
            args.extend(["/SC".into(), "MINUTE".into(), "/MO".into(), mins.to_string()]);
        }
    }
    Plan {
        steps: vec![Step::Run {
            program: "schtasks".into(),
            args,
            best_effort: false,
        }],
    }
}

pub(crate) fn uninstall(spec: &ServiceSpec) -> Plan {
    Plan {
        steps: vec![Step::Run {
            program: "schtasks".into(),
            args: vec!["/Delete".into(), "/TN".into(), task_name(spec), "/F".into()],
            best_effort: true,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(win_quote("plain"), "plain");
        assert_eq!(win_quote("a b"), "\"a b\"");
        assert_eq!(win_quote("say \"hi\""), "\"say \\\"hi\\\"\"");
    }
}
