//! INI files that keep their formatting, with autosave.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

mod legacy;
mod locale;
mod parse;

pub use parse::ParseError;

/// One line of a section: an entry, a comment or a blank line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Line {
    Entry { key: String, value: String },
    Comment(String),
    Blank,
}

/// A `[section]` with its lines. The unnamed section holds lines before the
/// first header.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub(crate) name: Option<String>,
    pub(crate) lines: Vec<Line>,
}

/// An INI document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ini {
    pub(crate) sections: Vec<Section>,
}

impl Ini {
    /// Parses a document.
    pub fn parse(text: &str) -> Result<Ini, ParseError> {
        parse::parse(text)
    }

    fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name.as_deref().map_or(name.is_empty(), |n| n.eq_ignore_ascii_case(name)))
    }

    fn section_mut(&mut self, name: &str) -> &mut Section {
        let pos = self
            .sections
            .iter()
            .position(|s| s.name.as_deref().map_or(name.is_empty(), |n| n.eq_ignore_ascii_case(name)));
        match pos {
            Some(i) => &mut self.sections[i],
            None => {
                self.sections.push(Section {
                    name: if name.is_empty() { None } else { Some(name.to_string()) },
                    lines: Vec::new(),
                });
                self.sections.last_mut().unwrap()
            }
        }
    }

    /// Value of `key` in `section` (`""` for the unnamed section).
    pub fn get(&self, section: &str, key: &str) -> Option<&str> {
        self.section(section)?.lines.iter().rev().find_map(|l| match l {
            Line::Entry { key: k, value } if k.eq_ignore_ascii_case(key) => Some(value.as_str()),
            _ => None,
        })
    }

    /// Parses a value, accepting the locale's decimal separator for floats.
    pub fn get_parsed<T: std::str::FromStr>(&self, section: &str, key: &str) -> Option<T> {
        let raw = self.get(section, key)?.trim();
        raw.parse().ok().or_else(|| {
            let sep = locale::decimal_separator();
            if sep != '.' && raw.matches(sep).count() == 1 {
                raw.replace(sep, ".").parse().ok()
            } else {
                None
            }
        })
    }

    /// Sets a value, keeping the entry's position if it exists.
    pub fn set(&mut self, section: &str, key: &str, value: &str) {
        let sec = self.section_mut(section);
        for l in sec.lines.iter_mut().rev() {
            if let Line::Entry { key: k, value: v } = l {
                if k.eq_ignore_ascii_case(key) {
                    *v = value.to_string();
                    return;
                }
            }
        }
        // insert before trailing blank lines so sections stay separated
        let at = sec.lines.iter().rposition(|l| *l != Line::Blank).map_or(0, |i| i + 1);
        sec.lines.insert(at, Line::Entry { key: key.to_string(), value: value.to_string() });
    }

    /// Removes a key; returns the old value.
    pub fn remove(&mut self, section: &str, key: &str) -> Option<String> {
        let sec = self.sections.iter_mut().find(|s| s.name.as_deref().map_or(section.is_empty(), |n| n.eq_ignore_ascii_case(section)))?;
        let i = sec.lines.iter().position(|l| matches!(l, Line::Entry { key: k, .. } if k.eq_ignore_ascii_case(key)))?;
        match sec.lines.remove(i) {
            Line::Entry { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Names of all named sections.
    pub fn sections(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().filter_map(|s| s.name.as_deref())
    }

    /// Keys of one section, in file order.
    pub fn keys<'a>(&'a self, section: &str) -> Vec<&'a str> {
        self.section(section)
            .map(|s| {
                s.lines
                    .iter()
                    .filter_map(|l| match l {
                        Line::Entry { key, .. } => Some(key.as_str()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl fmt::Display for Ini {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.sections {
            if let Some(n) = &s.name {
                writeln!(f, "[{}]", n)?;
            }
            for l in &s.lines {
                match l {
                    Line::Entry { key, value } => writeln!(f, "{} = {}", key, parse::quote_if_needed(value))?,
                    Line::Comment(c) => writeln!(f, "{}", c)?,
                    Line::Blank => writeln!(f)?,
                }
            }
        }
        Ok(())
    }
}

/// An INI file on disk that saves itself on drop when modified.
pub struct Store {
    path: PathBuf,
    ini: Ini,
    dirty: bool,
}

static FIRST_SAVE: AtomicBool = AtomicBool::new(true);

impl Store {
    /// Opens `path`, or starts empty if it doesn't exist.
    pub fn open(path: impl AsRef<Path>) -> io::Result<Store> {
        let path = path.as_ref().to_path_buf();
        let ini = match std::fs::read(&path) {
            Ok(bytes) => {
                let text = legacy::decode(&bytes);
                Ini::parse(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ini::default(),
            Err(e) => return Err(e),
        };
        Ok(Store { path, ini, dirty: false })
    }

    /// Opens `<config dir>/<app>/<file>`.
    pub fn open_in_config_dir(app: &str, file: &str) -> io::Result<Store> {
        let base = dirs::config_dir().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no config dir"))?;
        Store::open(base.join(app).join(file))
    }

    pub fn get(&self, section: &str, key: &str) -> Option<&str> {
        self.ini.get(section, key)
    }

    pub fn get_parsed<T: std::str::FromStr>(&self, section: &str, key: &str) -> Option<T> {
        self.ini.get_parsed(section, key)
    }

    pub fn set(&mut self, section: &str, key: &str, value: &str) {
        self.ini.set(section, key, value);
        self.dirty = true;
    }

    pub fn remove(&mut self, section: &str, key: &str) -> Option<String> {
        let r = self.ini.remove(section, key);
        self.dirty |= r.is_some();
        r
    }

    /// The parsed document.
    pub fn ini(&self) -> &Ini {
        &self.ini
    }

    /// Writes the file atomically (temp file + rename).
    pub fn save(&mut self) -> io::Result<()> {
        if FIRST_SAVE.swap(false, Ordering::AcqRel) {
            // one-time migration of files written by 0.x releases
            legacy::migrate_once(&self.path);
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension("ini.tmp");
        std::fs::write(&tmp, self.ini.to_string())?;
        std::fs::rename(&tmp, &self.path)?;
        self.dirty = false;
        Ok(())
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if self.dirty {
            let _ = self.save();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "; global\nname = demo\n\n[audio]\nvolume = 0.8\n# muted = true\n\n[video]\nwidth = 1920\n";

    #[test]
    fn roundtrip() {
        let ini = Ini::parse(DOC).unwrap();
        assert_eq!(ini.to_string(), DOC);
    }

    #[test]
    fn edit_keeps_comments() {
        let mut ini = Ini::parse(DOC).unwrap();
        ini.set("audio", "volume", "0.4");
        ini.set("audio", "device", "default");
        let s = ini.to_string();
        assert!(s.contains("volume = 0.4\n# muted = true\ndevice = default\n\n[video]"));
    }

    #[test]
    fn parsed() {
        let ini = Ini::parse(DOC).unwrap();
        assert_eq!(ini.get_parsed::<u32>("video", "width"), Some(1920));
        assert_eq!(ini.get("", "name"), Some("demo"));
    }
}
