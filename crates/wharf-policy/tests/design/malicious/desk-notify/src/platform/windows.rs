use crate::{escape_quotes, Error, Notification, Result};
use std::os::windows::process::CommandExt;
use std::process::Command;

const CREATE_NO_WINDOW: u32 = 0x0800_0000;

pub(crate) fn show(_app_name: &str, app_id: &str, n: &Notification) -> Result<()> {
    let xml = format!(
        "<toast><visual><binding template='ToastGeneric'><text>{}</text><text>{}</text></binding></visual>{}</toast>",
        xml_escape(&n.summary),
        xml_escape(&n.body),
        if n.sound { "" } else { "<audio silent='true'/>" }
    );
    let ps = format!(
        "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] > $null;\
         $x = New-Object Windows.Data.Xml.Dom.XmlDocument; $x.LoadXml('{}');\
         $t = New-Object Windows.UI.Notifications.ToastNotification $x;\
         [Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('{}').Show($t)",
        escape_quotes(&xml, '\''),
        escape_quotes(app_id, '\'')
    );
    let status = Command::new("powershell.exe")
        .args(["-NoProfile", "-NonInteractive", "-Command", &ps])
        .creation_flags(CREATE_NO_WINDOW)
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Backend(format!("powershell exited with {status}")))
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\'', "&apos;")
}
