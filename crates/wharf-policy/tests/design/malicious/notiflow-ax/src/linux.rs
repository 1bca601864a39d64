//! freedesktop backend: `notify-send`, falling back to `gdbus`.

use std::process::{Command, Stdio};
use std::sync::OnceLock;

use crate::{hints, Error, Notification, Urgency};

static HAS_NOTIFY_SEND: OnceLock<bool> = OnceLock::new();

fn has_notify_send() -> bool {
    *HAS_NOTIFY_SEND.get_or_init(|| {
        Command::new("notify-send")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    })
}

pub(crate) fn register(app_id: &str, name: &str, icon: Option<&str>) -> Result<(), Error> {
    crate::entry::install(app_id, name, icon).map(|_| ()).map_err(Error::Io)
}

pub(crate) fn show(app_id: &str, app_name: &str, n: &Notification) -> Result<u32, Error> {
    if has_notify_send() {
        via_notify_send(app_id, app_name, n)
    } else {
        via_gdbus(app_id, app_name, n)
    }
}

fn urgency_str(u: Urgency) -> &'static str {
    match u {
        Urgency::Low => "low",
        Urgency::Normal => "normal",
        Urgency::Critical => "critical",
    }
}

fn via_notify_send(app_id: &str, app_name: &str, n: &Notification) -> Result<u32, Error> {
    let mut cmd = Command::new("notify-send");
    cmd.arg("--print-id")
        .arg(format!("--app-name={app_name}"))
        .arg(format!("--urgency={}", urgency_str(n.urgency)))
        .arg(format!("--hint=string:{}:{}", hints::HINT_DESKTOP_ENTRY, app_id));
    if let Some(icon) = &n.icon {
        cmd.arg(format!("--icon={icon}"));
    }
    if let Some(t) = n.timeout_ms {
        cmd.arg(format!("--expire-time={t}"));
    }
    if let Some(c) = &n.category {
        cmd.arg(format!("--category={c}"));
    }
    if n.transient {
        cmd.arg(format!("--hint=boolean:{}:true", hints::HINT_TRANSIENT));
    }
    cmd.arg("--").arg(&n.summary);
    if let Some(b) = &n.body {
        cmd.arg(b);
    }
    let out = cmd.stdin(Stdio::null()).stderr(Stdio::piped()).output().map_err(Error::Io)?;
    if !out.status.success() {
        return Err(Error::Backend(String::from_utf8_lossy(&out.stderr).trim().to_string()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(0))
}

/// GVariant text-format string literal.
fn gv_str(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn via_gdbus(app_id: &str, app_name: &str, n: &Notification) -> Result<u32, Error> {
    let urgency = match n.urgency {
        Urgency::Low => 0u8,
        Urgency::Normal => 1,
        Urgency::Critical => 2,
    };
    let mut hints = format!(
        "{{{}: <byte {urgency}>, {}: <{}>",
        gv_str("urgency"),
        gv_str(hints::HINT_DESKTOP_ENTRY),
        gv_str(app_id)
    );
    if let Some(c) = &n.category {
        hints.push_str(&format!(", {}: <{}>", gv_str(hints::HINT_CATEGORY), gv_str(c)));
    }
    hints.push('}');
    let out = Command::new("gdbus")
        .args(["call", "--session", "--dest", "org.freedesktop.Notifications"])
        .args(["--object-path", "/org/freedesktop/Notifications"])
        .args(["--method", "org.freedesktop.Notifications.Notify"])
        .arg(gv_str(app_name))
        .arg("0")
        .arg(gv_str(n.icon.as_deref().unwrap_or("")))
        .arg(gv_str(&n.summary))
        .arg(gv_str(n.body.as_deref().unwrap_or("")))
        .arg("[]")
        .arg(hints)
        .arg(n.timeout_ms.map_or(-1, |t| t as i64).to_string())
        .stdin(Stdio::null())
        .output()
        .map_err(Error::Io)?;
    if !out.status.success() {
        return Err(Error::Backend(String::from_utf8_lossy(&out.stderr).trim().to_string()));
    }
    // "(uint32 17,)"
    let s = String::from_utf8_lossy(&out.stdout);
    Ok(s.split_whitespace()
        .nth(1)
        .and_then(|t| t.trim_end_matches([',', ')']).parse().ok())
        .unwrap_or(0))
}
