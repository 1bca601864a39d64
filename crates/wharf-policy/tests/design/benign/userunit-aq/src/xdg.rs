//! XDG autostart entries (freedesktop Desktop Application Autostart Specification).

use crate::{Backend, Op, Plan, UnitSpec};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn entry_path(home: &Path, name: &str) -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".config"));
    base.join("autostart").join(format!("{name}.desktop"))
}

/// Quotes one argument of `Exec=` per the Desktop Entry spec: double quotes, backslash
/// before `"`, `` ` ``, `$`, `\`, then every backslash doubled for the string value level,
/// and `%` doubled for field codes.
pub(crate) fn quote(arg: &str) -> String {
    let mut inner = String::new();
    for c in arg.chars() {
        match c {
            '"' | '`' | '$' | '\\' => {
                inner.push('\\');
                inner.push(c);
            }
            '%' => inner.push_str("%%"),
            c => inner.push(c),
        }
    }
    format!("\"{}\"", inner.replace('\\', "\\\\"))
}

pub(crate) fn render(spec: &UnitSpec) -> String {
    let mut exec = quote(&spec.program.to_string_lossy());
    for a in &spec.args {
        exec.push(' ');
        exec.push_str(&quote(a));
    }
    let mut s = String::from("[Desktop Entry]\nType=Application\n");
    let _ = writeln!(s, "Name={}", spec.description.replace('\n', " "));
    let _ = writeln!(s, "Exec={exec}");
    if let Some(d) = &spec.working_dir {
        let _ = writeln!(s, "Path={}", d.display());
    }
    let _ = writeln!(s, "X-Userunit-Name={}", spec.name);
    s.push_str("X-GNOME-Autostart-enabled=true\n");
    s
}

pub(crate) fn plan(spec: &UnitSpec, home: &Path) -> Plan {
    Plan {
        backend: Backend::XdgAutostart,
        start_hint: None,
        ops: vec![Op::Write { path: entry_path(home, &spec.name), contents: render(spec), mode: 0o644 }],
    }
}

pub(crate) fn plan_remove(name: &str, home: &Path) -> Plan {
    Plan { backend: Backend::XdgAutostart, start_hint: None, ops: vec![Op::Remove { path: entry_path(home, name) }] }
}
