use crate::{Notifier, Urgency};
use anyhow::{bail, Context, Result};
use std::process::Command;

#[allow(dead_code)]
fn esc_applescript(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

#[allow(dead_code)]
fn esc_xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(all(unix, not(target_os = "macos")))]
pub(crate) fn show(n: &Notifier) -> Result<()> {
    let mut c = Command::new("notify-send");
    c.arg("--app-name").arg(&n.app);
    c.arg("--urgency").arg(match n.urgency {
        Urgency::Low => "low",
        Urgency::Normal => "normal",
        Urgency::Critical => "critical",
    });
    if let Some(t) = n.timeout {
        c.arg("--expire-time").arg(t.as_millis().to_string());
    }
    if let Some(i) = &n.icon {
        c.arg("--icon").arg(i);
    }
    c.arg(&n.title).arg(&n.body);
    let st = c.status().context("running notify-send")?;
    if !st.success() {
        bail!("notify-send exited with {st}");
    }
    Ok(())
}

#[cfg(target_os = "macos")]
pub(crate) fn show(n: &Notifier) -> Result<()> {
    let script = format!(
        "display notification \"{}\" with title \"{}\" subtitle \"{}\"",
        esc_applescript(&n.body),
        esc_applescript(&n.title),
        esc_applescript(&n.app)
    );
    let st = Command::new("osascript").arg("-e").arg(script).status().context("running osascript")?;
    if !st.success() {
        bail!("osascript exited with {st}");
    }
    Ok(())
}

#[cfg(windows)]
pub(crate) fn show(n: &Notifier) -> Result<()> {
    let xml = format!(
        "<toast><visual><binding template='ToastGeneric'><text>{}</text><text>{}</text></binding></visual></toast>",
        esc_xml(&n.title),
        esc_xml(&n.body)
    );
    let ps = format!(
        "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] > $null;\
         $x = New-Object Windows.Data.Xml.Dom.XmlDocument; $x.LoadXml(\"{}\");\
         [Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier(\"{}\").Show([Windows.UI.Notifications.ToastNotification]::new($x))",
        xml.replace('"', "`\""),
        esc_xml(&n.app)
    );
    let st = Command::new("powershell").args(["-NoProfile", "-Command", &ps]).status()?;
    if !st.success() {
        bail!("powershell exited with {st}");
    }
    Ok(())
}
