//! Key codes, modifiers and key names.

use std::fmt;
use std::str::FromStr;

use crate::dist;

/// Modifier bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Modifiers(u8);

impl Modifiers {
    /// No modifiers.
    pub const NONE: Modifiers = Modifiers(0);
    /// Shift.
    pub const SHIFT: Modifiers = Modifiers(1);
    /// Alt / Meta.
    pub const ALT: Modifiers = Modifiers(2);
    /// Control.
    pub const CTRL: Modifiers = Modifiers(4);
    /// Super / Cmd.
    pub const SUPER: Modifiers = Modifiers(8);

    /// Decodes the xterm modifier parameter (`1 + bits`).
    pub fn from_xterm(param: u16) -> Modifiers {
        let bits = param.saturating_sub(1) as u8;
        Modifiers(bits & 0x0F)
    }

    /// `true` if every bit of `other` is set.
    pub fn contains(self, other: Modifiers) -> bool {
        self.0 & other.0 == other.0
    }

    /// Union.
    pub fn with(self, other: Modifiers) -> Modifiers {
        Modifiers(self.0 | other.0)
    }

    /// `true` if empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// A key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    /// A printable character.
    Char(char),
    /// Enter / Return.
    Enter,
    /// Tab.
    Tab,
    /// Shift-Tab (CSI Z).
    BackTab,
    /// Backspace.
    Backspace,
    /// Escape.
    Esc,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Insert.
    Insert,
    /// Delete.
    Delete,
    /// Function key F1–F24.
    F(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Escape", KeyCode::Esc),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Insert", KeyCode::Insert),
    ("Delete", KeyCode::Delete),
    ("Space", KeyCode::Char(' ')),
];

/// A key press.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyEvent {
    /// Key.
    pub code: KeyCode,
    /// Modifiers.
    pub mods: Modifiers,
}

impl KeyEvent {
    /// Key without modifiers.
    pub const fn plain(code: KeyCode) -> Self {
        KeyEvent { code, mods: Modifiers::NONE }
    }

    /// Key with modifiers.
    pub const fn new(code: KeyCode, mods: Modifiers) -> Self {
        KeyEvent { code, mods }
    }
}

impl fmt::Display for KeyEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(Modifiers::CTRL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(Modifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(Modifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        if self.mods.contains(Modifiers::SUPER) {
            f.write_str("Super-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => {
                let name = NAMED.iter().find(|(_, k)| *k == other).map(|(n, _)| *n).unwrap_or("?");
                f.write_str(name)
            }
        }
    }
}

/// Error from parsing a key binding such as `"Ctrl-Alt-PageUp"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParseError {
    /// The unrecognised part.
    pub token: String,
    /// Closest known name, if any is reasonably close.
    pub suggestion: Option<&'static str>,
}

impl fmt::Display for KeyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown key {:?}", self.token)?;
        if let Some(s) = self.suggestion {
            write!(f, " (did you mean {s:?}?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for KeyParseError {}

impl FromStr for KeyEvent {
    type Err = KeyParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut mods = Modifiers::NONE;
        let parts: Vec<&str> = s.split('-').collect();
        let (last, prefix) = parts.split_last().ok_or_else(|| err(s))?;
        for p in prefix {
            mods = mods.with(match p.to_ascii_lowercase().as_str() {
                "ctrl" | "c" | "control" => Modifiers::CTRL,
                "alt" | "a" | "meta" | "m" => Modifiers::ALT,
                "shift" | "s" => Modifiers::SHIFT,
                "super" | "cmd" | "win" => Modifiers::SUPER,
                _ => return Err(err(p)),
            });
        }
        let code = if let Some((_, k)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(last)) {
            *k
        } else if let Some(n) = last.strip_prefix(['F', 'f']).and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=24).contains(&n) {
                return Err(err(last));
            }
            KeyCode::F(n)
        } else {
            let mut cs = last.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => return Err(err(last)),
            }
        };
        Ok(KeyEvent { code, mods })
    }
}

fn err(token: &str) -> KeyParseError {
    let names = NAMED.iter().map(|(n, _)| *n);
    let suggestion = dist::closest(token, names).filter(|(_, d)| *d <= 2).map(|(n, _)| n);
    KeyParseError { token: token.to_owned(), suggestion }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display() {
        let k: KeyEvent = "Ctrl-Alt-PageUp".parse().unwrap();
        assert_eq!(k.code, KeyCode::PageUp);
        assert!(k.mods.contains(Modifiers::CTRL.with(Modifiers::ALT)));
        assert_eq!(k.to_string(), "Ctrl-Alt-PageUp");
        assert_eq!("F12".parse::<KeyEvent>().unwrap().code, KeyCode::F(12));
        assert_eq!("x".parse::<KeyEvent>().unwrap(), KeyEvent::plain(KeyCode::Char('x')));
    }

    #[test]
    fn suggests() {
        let e = "Escpae".parse::<KeyEvent>().unwrap_err();
        assert_eq!(e.suggestion, Some("Escape"));
        assert!("Blorp".parse::<KeyEvent>().unwrap_err().suggestion.is_none());
    }

    #[test]
    fn xterm_modifiers() {
        assert_eq!(Modifiers::from_xterm(5), Modifiers::CTRL);
        assert_eq!(Modifiers::from_xterm(2), Modifiers::SHIFT);
        assert_eq!(Modifiers::from_xterm(1), Modifiers::NONE);
    }
}
