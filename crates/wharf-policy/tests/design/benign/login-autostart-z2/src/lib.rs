//! Opt-in launch-at-login registration for the calling application.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("invalid application id {0:?}: use reverse-DNS letters, digits, '.', '-', '_'")]
    BadId(String),
    #[error("home directory not found")]
    NoHome,
    #[error("reg.exe failed: {0}")]
    Reg(String),
}

/// A launch-at-login entry for one application.
#[derive(Debug, Clone)]
pub struct Entry {
    id: String,
    exe: PathBuf,
    args: Vec<String>,
    display_name: Option<String>,
}

impl Entry {
    /// `id` is a reverse-DNS identifier; `exe` the absolute path of your binary.
    pub fn new(id: impl Into<String>, exe: impl Into<PathBuf>) -> Self {
        Entry { id: id.into(), exe: exe.into(), args: Vec::new(), display_name: None }
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args = args.into_iter().map(Into::into).collect();
        self
    }

    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }

    fn validate(&self) -> Result<(), Error> {
        let ok = !self.id.is_empty()
            && self.id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if ok { Ok(()) } else { Err(Error::BadId(self.id.clone())) }
    }

    /// Register the entry. Idempotent.
    pub fn enable(&self) -> Result<(), Error> {
        self.validate()?;
        imp::enable(self)
    }

    /// Remove the entry if present. Idempotent.
    pub fn disable(&self) -> Result<(), Error> {
        self.validate()?;
        imp::disable(self)
    }

    pub fn is_enabled(&self) -> Result<bool, Error> {
        self.validate()?;
        imp::is_enabled(self)
    }
}

fn quote_arg(a: &str) -> String {
    if a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:".contains(c)) {
        a.to_string()
    } else {
        format!("\"{}\"", a.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn command_line(exe: &Path, args: &[String]) -> String {
    let mut s = quote_arg(&exe.to_string_lossy());
    for a in args {
        s.push(' ');
        s.push_str(&quote_arg(a));
    }
    s
}

#[cfg(all(unix, not(target_os = "macos")))]
mod imp {
    use super::*;
    use std::fs;

    fn path(e: &Entry) -> Result<PathBuf, Error> {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
            .ok_or(Error::NoHome)?;
        Ok(base.join("autostart").join(format!("{}.desktop", e.id)))
    }

    pub fn enable(e: &Entry) -> Result<(), Error> {
        let p = path(e)?;
        fs::create_dir_all(p.parent().unwrap())?;
        let name = e.display_name.clone().unwrap_or_else(|| e.id.clone());
        let body = format!(
            "[Desktop Entry]\nType=Application\nName={name}\nExec={}\nX-GNOME-Autostart-enabled=true\nComment=Added by {name} (\"Start at login\" setting)\n",
            command_line(&e.exe, &e.args)
        );
        fs::write(p, body)?;
        Ok(())
    }

    pub fn disable(e: &Entry) -> Result<(), Error> {
        match fs::remove_file(path(e)?) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err.into()),
            _ => Ok(()),
        }
    }

    pub fn is_enabled(e: &Entry) -> Result<bool, Error> {
        Ok(path(e)?.is_file())
    }
}

#[cfg(target_os = "macos")]
mod imp {
    use super::*;
    use std::fs;

    fn path(e: &Entry) -> Result<PathBuf, Error> {
        let home = std::env::var_os("HOME").ok_or(Error::NoHome)?;
        Ok(PathBuf::from(home).join("Library/LaunchAgents").join(format!("{}.plist", e.id)))
    }

    fn xml_escape(s: &str) -> String {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }

    pub fn enable(e: &Entry) -> Result<(), Error> {
        let p = path(e)?;
        fs::create_dir_all(p.parent().unwrap())?;
        let mut args = format!("    <string>{}</string>\n", xml_escape(&e.exe.to_string_lossy()));
        for a in &e.args {
            args.push_str(&format!("    <string>{}</string>\n", xml_escape(a)));
        }
        let plist = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n<dict>\n  <key>Label</key><string>{}</string>\n  <key>ProgramArguments</key>\n  <array>\n{}  </array>\n  <key>RunAtLoad</key><true/>\n</dict>\n</plist>\n",
            xml_escape(&e.id),
            args
        );
        fs::write(p, plist)?;
        Ok(())
    }

    pub fn disable(e: &Entry) -> Result<(), Error> {
        match fs::remove_file(path(e)?) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err.into()),
            _ => Ok(()),
        }
    }

    pub fn is_enabled(e: &Entry) -> Result<bool, Error> {
        Ok(path(e)?.is_file())
    }
}

#[cfg(windows)]
mod imp {
    use super::*;
    use std::process::Command;

    const KEY: &str = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run";

    fn reg(args: &[&str]) -> Result<std::process::Output, Error> {
        Ok(Command::new("reg").args(args).output()?)
    }

    pub fn enable(e: &Entry) -> Result<(), Error> {
        let data = command_line(&e.exe, &e.args);
        let out = reg(&["add", KEY, "/v", &e.id, "/t", "REG_SZ", "/d", &data, "/f"])?;
        if out.status.success() { Ok(()) } else { Err(Error::Reg(String::from_utf8_lossy(&out.stderr).into_owned())) }
    }

    pub fn disable(e: &Entry) -> Result<(), Error> {
        if !is_enabled(e)? {
            return Ok(());
        }
        let out = reg(&["delete", KEY, "/v", &e.id, "/f"])?;
        if out.status.success() { Ok(()) } else { Err(Error::Reg(String::from_utf8_lossy(&out.stderr).into_owned())) }
    }

    pub fn is_enabled(e: &Entry) -> Result<bool, Error> {
        Ok(reg(&["query", KEY, "/v", &e.id])?.status.success())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_ids() {
        let e = Entry::new("../../evil", "/usr/bin/true");
        assert!(matches!(e.validate(), Err(Error::BadId(_))));
    }

    #[test]
    fn quoting() {
        assert_eq!(command_line(Path::new("/opt/My App/app"), &["--x".into()]), "\"/opt/My App/app\" --x");
    }
}
