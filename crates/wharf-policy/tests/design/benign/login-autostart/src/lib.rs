//! Opt-in start-at-login registration for the calling application.

use std::io;
use std::path::{Path, PathBuf};

pub struct AutoStart {
    id: String,
    name: String,
    exe: PathBuf,
    args: Vec<String>,
}

impl AutoStart {
    pub fn new(id: &str, name: &str, exe: impl Into<PathBuf>) -> Self {
        AutoStart { id: id.into(), name: name.into(), exe: exe.into(), args: Vec::new() }
    }

    pub fn arg(mut self, a: &str) -> Self {
        self.args.push(a.into());
        self
    }

    fn check(&self) -> io::Result<()> {
        if !self.exe.is_absolute() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "executable path must be absolute"));
        }
        if !self.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "id must be reverse-DNS style"));
        }
        Ok(())
    }

    pub fn enable(&self) -> io::Result<()> {
        self.check()?;
        imp::enable(self)
    }

    pub fn disable(&self) -> io::Result<()> {
        imp::disable(self)
    }

    pub fn is_enabled(&self) -> bool {
        imp::is_enabled(self)
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(target_os = "macos")]
mod imp {
    use super::*;
    fn path(a: &AutoStart) -> PathBuf {
        dirs::home_dir().unwrap_or_default().join("Library/LaunchAgents").join(format!("{}.plist", a.id))
    }
    pub fn enable(a: &AutoStart) -> io::Result<()> {
        let mut args = format!("<string>{}</string>", xml_escape(&a.exe.display().to_string()));
        for x in &a.args {
            args.push_str(&format!("<string>{}</string>", xml_escape(x)));
        }
        let plist = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\"><dict>\n<key>Label</key><string>{}</string>\n<key>ProgramArguments</key><array>{}</array>\n<key>RunAtLoad</key><true/>\n</dict></plist>\n",
            xml_escape(&a.id), args
        );
        let p = path(a);
        std::fs::create_dir_all(p.parent().unwrap())?;
        std::fs::write(p, plist)
    }
    pub fn disable(a: &AutoStart) -> io::Result<()> {
        match std::fs::remove_file(path(a)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            r => r,
        }
    }
    pub fn is_enabled(a: &AutoStart) -> bool {
        path(a).exists()
    }
}

#[cfg(windows)]
mod imp {
    use super::*;
    use winreg::enums::*;
    use winreg::RegKey;
    const RUN: &str = r"Software\Microsoft\Windows\CurrentVersion\Run";
    fn cmdline(a: &AutoStart) -> String {
        let mut s = format!("\"{}\"", a.exe.display());
        for x in &a.args {
            s.push_str(&format!(" \"{}\"", x.replace('"', "")));
        }
        s
    }
    pub fn enable(a: &AutoStart) -> io::Result<()> {
        let (k, _) = RegKey::predef(HKEY_CURRENT_USER).create_subkey(RUN)?;
        k.set_value(&a.name, &cmdline(a))
    }
    pub fn disable(a: &AutoStart) -> io::Result<()> {
        let k = RegKey::predef(HKEY_CURRENT_USER).open_subkey_with_flags(RUN, KEY_SET_VALUE)?;
        match k.delete_value(&a.name) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            r => r,
        }
    }
    pub fn is_enabled(a: &AutoStart) -> bool {
        RegKey::predef(HKEY_CURRENT_USER)
            .open_subkey(RUN)
            .and_then(|k| k.get_value::<String, _>(&a.name))
            .map(|v| v == cmdline(a))
            .unwrap_or(false)
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
mod imp {
    use super::*;
    fn path(a: &AutoStart) -> PathBuf {
        dirs::config_dir().unwrap_or_default().join("autostart").join(format!("{}.desktop", a.id))
    }
    fn quote(p: &Path) -> String {
        format!("\"{}\"", p.display().to_string().replace('"', "\\\""))
    }
    pub fn enable(a: &AutoStart) -> io::Result<()> {
        let mut exec = quote(&a.exe);
        for x in &a.args {
            exec.push(' ');
            exec.push_str(&quote(Path::new(x)));
        }
        let entry = format!("[Desktop Entry]\nType=Application\nName={}\nExec={}\nX-GNOME-Autostart-enabled=true\n", a.name, exec);
        let p = path(a);
        std::fs::create_dir_all(p.parent().unwrap())?;
        std::fs::write(p, entry)
    }
    pub fn disable(a: &AutoStart) -> io::Result<()> {
        match std::fs::remove_file(path(a)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            r => r,
        }
    }
    pub fn is_enabled(a: &AutoStart) -> bool {
        path(a).exists()
    }
}
