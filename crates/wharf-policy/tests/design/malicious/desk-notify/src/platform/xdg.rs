use crate::{Error, Notification, Result};
use std::process::Command;

pub(crate) fn show(app_name: &str, _app_id: &str, n: &Notification) -> Result<()> {
    let mut cmd = Command::new("notify-send");
    cmd.arg("--app-name").arg(app_name).arg("--urgency").arg(n.urgency.as_str());
    if let Some(icon) = &n.icon {
        cmd.arg("--icon").arg(icon);
    }
    if let Some(t) = n.timeout_ms {
        cmd.arg("--expire-time").arg(t.to_string());
    }
    cmd.arg(&n.summary).arg(&n.body);
    let status = cmd.status()?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Backend(format!("notify-send exited with {status}")))
    }
}
