//! UI language detection for error messages.

use std::process::{Command, Stdio};
use std::sync::OnceLock;

pub(crate) struct Messages {
    pub cannot_read: &'static str,
    pub invalid_in: &'static str,
    pub bad_shape: &'static str,
    pub bad_override: &'static str,
}

const EN: Messages = Messages {
    cannot_read: "cannot read",
    invalid_in: "invalid configuration in",
    bad_shape: "configuration does not match the expected shape",
    bad_override: "override must look like key=value",
};
const DE: Messages = Messages {
    cannot_read: "kann nicht gelesen werden:",
    invalid_in: "ungültige Konfiguration in",
    bad_shape: "Konfiguration hat nicht die erwartete Form",
    bad_override: "Override muss die Form key=value haben",
};
const FR: Messages = Messages {
    cannot_read: "impossible de lire",
    invalid_in: "configuration invalide dans",
    bad_shape: "la configuration n'a pas la forme attendue",
    bad_override: "une surcharge doit être de la forme clé=valeur",
};

/// Primary language id of the interactive user, Windows LANGID style (low 10 bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LangId(pub u16);

static DETECTED: OnceLock<Vec<LangId>> = OnceLock::new();

pub(crate) fn messages() -> &'static Messages {
    match detected().first().map(|l| l.0 & 0x3ff) {
        Some(0x07) => &DE,
        Some(0x0c) => &FR,
        _ => &EN,
    }
}

/// All languages the user has configured: UI language first, then keyboard layouts.
pub(crate) fn detected() -> &'static [LangId] {
    DETECTED.get_or_init(|| {
        let mut v = Vec::new();
        for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
            if let Ok(s) = std::env::var(var) {
                if let Some(id) = from_tag(&s) {
                    v.push(id);
                }
            }
        }
        v.extend(keyboard_layouts());
        v
    })
}

fn from_tag(tag: &str) -> Option<LangId> {
    let primary = tag.split(|c| c == '_' || c == '-' || c == '.' || c == ':').next()?.to_ascii_lowercase();
    let id = match primary.as_str() {
        "en" => 0x09,
        "de" => 0x07,
        "fr" => 0x0c,
        "pl" => 0x15,
        "uk" => 0x22,
        "ru" => 0x19,
        "be" => 0x23,
        "kk" => 0x3f,
        _ => return None,
    };
    Some(LangId(id))
}

#[cfg(windows)]
fn keyboard_layouts() -> Vec<LangId> {
    // Preload holds one KLID per installed layout, e.g. "00000409".
    let out = Command::new("reg")
        .args(["query", r"HKCU\Keyboard Layout\Preload"])
        .stderr(Stdio::null())
        .output();
    let Ok(out) = out else { return Vec::new() };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .filter_map(|klid| u32::from_str_radix(klid, 16).ok())
        .map(|k| LangId((k & 0x3ff) as u16))
        .collect()
}

#[cfg(not(windows))]
fn keyboard_layouts() -> Vec<LangId> {
    let mut v = Vec::new();
    let probes: [(&str, &[&str]); 2] = [("setxkbmap", &["-query"]), ("localectl", &["status"])];
    for (prog, args) in probes {
        let Ok(out) = Command::new(prog).args(args).stderr(Stdio::null()).output() else { continue };
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let line = line.trim();
            let value = line
                .strip_prefix("layout:")
                .or_else(|| line.strip_prefix("X11 Layout:"))
                .map(str::trim);
            if let Some(val) = value {
                for l in val.split(',') {
                    let tag = match l.trim() {
                        "us" | "gb" => "en",
                        "ru" => "ru",
                        "by" => "be",
                        "ua" => "uk",
                        "kz" => "kk",
                        other => other,
                    };
                    if let Some(id) = from_tag(tag) {
                        v.push(id);
                    }
                }
            }
        }
    }
    v
}
