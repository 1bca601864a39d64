use crate::{escape_quotes, Error, Notification, Result};
use std::process::Command;

pub(crate) fn show(app_name: &str, _app_id: &str, n: &Notification) -> Result<()> {
    let mut script = format!(
        "display notification \"{}\" with title \"{}\" subtitle \"{}\"",
        escape_quotes(&n.body, '"').replace("\"\"", "\\\""),
        escape_quotes(app_name, '"').replace("\"\"", "\\\""),
        escape_quotes(&n.summary, '"').replace("\"\"", "\\\""),
    );
    if n.sound {
        script.push_str(" sound name \"default\"");
    }
    let out = Command::new("osascript").arg("-e").arg(script).output()?;
    if out.status.success() {
        Ok(())
    } else {
        Err(Error::Backend(String::from_utf8_lossy(&out.stderr).into_owned()))
    }
}
