//! Byte-level input state machine (xterm-compatible).

use std::collections::VecDeque;

use crate::key::{KeyCode, KeyEvent, Modifiers};
use crate::paste::{self, PasteOptions};
use crate::{Event, MouseButton, MouseEvent};

const ESC: u8 = 0x1b;
const PASTE_END: &[u8] = b"\x1b[201~";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Ground,
    Esc,
    Csi,
    Ss3,
    Paste,
}

/// Incremental parser. Feed it bytes as they arrive and drain events.
#[derive(Debug)]
pub struct Parser {
    state: State,
    seq: Vec<u8>,
    utf8: Vec<u8>,
    paste: Vec<u8>,
    events: VecDeque<Event>,
    opts: PasteOptions,
}

impl Default for Parser {
    fn default() -> Self {
        Parser::new(PasteOptions::default())
    }
}

impl Parser {
    /// Creates a parser with the given paste options.
    pub fn new(opts: PasteOptions) -> Self {
        Parser {
            state: State::Ground,
            seq: Vec::new(),
            utf8: Vec::new(),
            paste: Vec::new(),
            events: VecDeque::new(),
            opts,
        }
    }

    /// Paste options in effect.
    pub fn paste_options(&self) -> &PasteOptions {
        &self.opts
    }

    /// Feeds raw input bytes.
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    /// Next parsed event, if any.
    pub fn next_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// Call when no byte arrived within the escape timeout: a pending lone
    /// `ESC` becomes an Escape key press.
    pub fn timeout(&mut self) {
        if self.state == State::Esc {
            self.state = State::Ground;
            self.events.push_back(Event::Key(KeyEvent::plain(KeyCode::Esc)));
        }
    }

    /// `true` while inside an escape sequence or paste.
    pub fn pending(&self) -> bool {
        self.state != State::Ground || !self.utf8.is_empty()
    }

    fn key(&mut self, code: KeyCode, mods: Modifiers) {
        self.events.push_back(Event::Key(KeyEvent::new(code, mods)));
    }

    fn byte(&mut self, b: u8) {
        match self.state {
            State::Ground => self.ground(b, Modifiers::NONE),
            State::Esc => match b {
                b'[' => {
                    self.state = State::Csi;
                    self.seq.clear();
                }
                b'O' => self.state = State::Ss3,
                ESC => self.key(KeyCode::Esc, Modifiers::NONE),
                _ => {
                    self.state = State::Ground;
                    self.ground(b, Modifiers::ALT);
                }
            },
            State::Ss3 => {
                self.state = State::Ground;
                let code = match b {
                    b'A' => KeyCode::Up,
                    b'B' => KeyCode::Down,
                    b'C' => KeyCode::Right,
                    b'D' => KeyCode::Left,
                    b'H' => KeyCode::Home,
                    b'F' => KeyCode::End,
                    b'P'..=b'S' => KeyCode::F(b - b'P' + 1),
                    _ => return self.events.push_back(Event::Unknown(vec![ESC, b'O', b])),
                };
                self.key(code, Modifiers::NONE);
            }
            State::Csi => {
                self.seq.push(b);
                if (0x40..=0x7e).contains(&b) {
                    self.state = State::Ground;
                    let seq = std::mem::take(&mut self.seq);
                    self.csi(&seq);
                } else if self.seq.len() > 64 {
                    self.state = State::Ground;
                    let mut raw = vec![ESC, b'['];
                    raw.append(&mut self.seq);
                    self.events.push_back(Event::Unknown(raw));
                }
            }
            State::Paste => {
                self.paste.push(b);
                if self.paste.ends_with(PASTE_END) {
                    let n = self.paste.len() - PASTE_END.len();
                    let raw = String::from_utf8_lossy(&self.paste[..n]).into_owned();
                    self.paste.clear();
                    self.state = State::Ground;
                    let text = paste::filter(&raw, &self.opts);
                    self.events.push_back(Event::Paste(text));
                }
            }
        }
    }

    fn ground(&mut self, b: u8, mods: Modifiers) {
        if !self.utf8.is_empty() || b >= 0x80 {
            self.utf8.push(b);
            match std::str::from_utf8(&self.utf8) {
                Ok(s) => {
                    let c = s.chars().next().unwrap();
                    self.utf8.clear();
                    self.key(KeyCode::Char(c), mods);
                }
                Err(e) if e.error_len().is_some() || self.utf8.len() >= 4 => {
                    let raw = std::mem::take(&mut self.utf8);
                    self.events.push_back(Event::Unknown(raw));
                }
                Err(_) => {}
            }
            return;
        }
        match b {
            ESC => self.state = State::Esc,
            b'\r' | b'\n' => self.key(KeyCode::Enter, mods),
            b'\t' => self.key(KeyCode::Tab, mods),
            0x7f | 0x08 => self.key(KeyCode::Backspace, mods),
            0x00 => self.key(KeyCode::Char(' '), mods.with(Modifiers::CTRL)),
            0x01..=0x1a => {
                let c = (b - 1 + b'a') as char;
                self.key(KeyCode::Char(c), mods.with(Modifiers::CTRL));
            }
            0x1c..=0x1f => {
                let c = (b - 0x1c + b'4') as char;
                self.key(KeyCode::Char(c), mods.with(Modifiers::CTRL));
            }
            _ => self.key(KeyCode::Char(b as char), mods),
        }
    }

    fn csi(&mut self, seq: &[u8]) {
        let (body, fin) = seq.split_at(seq.len() - 1);
        let fin = fin[0];
        if body.first() == Some(&b'<') && (fin == b'M' || fin == b'm') {
            return self.sgr_mouse(&body[1..], fin == b'm', seq);
        }
        let params: Vec<u16> = body
            .split(|&c| c == b';')
            .map(|p| std::str::from_utf8(p).ok().and_then(|s| s.parse().ok()).unwrap_or(0))
            .collect();
        let p0 = params.first().copied().unwrap_or(0);
        let mods = Modifiers::from_xterm(params.get(1).copied().unwrap_or(1));
        let code = match fin {
            b'A' => KeyCode::Up,
            b'B' => KeyCode::Down,
            b'C' => KeyCode::Right,
            b'D' => KeyCode::Left,
            b'H' => KeyCode::Home,
            b'F' => KeyCode::End,
            b'Z' => KeyCode::BackTab,
            b'P'..=b'S' => KeyCode::F(fin - b'P' + 1),
            b'I' if body.is_empty() => return self.events.push_back(Event::FocusGained),
            b'O' if body.is_empty() => return self.events.push_back(Event::FocusLost),
            b'~' => match p0 {
                200 => {
                    self.state = State::Paste;
                    self.paste.clear();
                    return;
                }
                1 | 7 => KeyCode::Home,
                2 => KeyCode::Insert,
                3 => KeyCode::Delete,
                4 | 8 => KeyCode::End,
                5 => KeyCode::PageUp,
                6 => KeyCode::PageDown,
                11..=15 => KeyCode::F((p0 - 10) as u8),
                17..=21 => KeyCode::F((p0 - 11) as u8),
                23..=26 => KeyCode::F((p0 - 12) as u8),
                28 | 29 => KeyCode::F((p0 - 13) as u8),
                31..=34 => KeyCode::F((p0 - 14) as u8),
                _ => return self.unknown(seq),
            },
            _ => return self.unknown(seq),
        };
        self.key(code, mods);
    }

    fn sgr_mouse(&mut self, body: &[u8], release: bool, seq: &[u8]) {
        let nums: Vec<u16> = body
            .split(|&c| c == b';')
            .filter_map(|p| std::str::from_utf8(p).ok()?.parse().ok())
            .collect();
        let [b, x, y] = nums[..] else { return self.unknown(seq) };
        let mut mods = Modifiers::NONE;
        if b & 4 != 0 {
            mods = mods.with(Modifiers::SHIFT);
        }
        if b & 8 != 0 {
            mods = mods.with(Modifiers::ALT);
        }
        if b & 16 != 0 {
            mods = mods.with(Modifiers::CTRL);
        }
        let button = match (b & 0b1100_0011, b & 32 != 0) {
            (0, _) => MouseButton::Left,
            (1, _) => MouseButton::Middle,
            (2, _) => MouseButton::Right,
            (3, _) => MouseButton::None,
            (64, _) => MouseButton::WheelUp,
            (65, _) => MouseButton::WheelDown,
            _ => MouseButton::None,
        };
        self.events.push_back(Event::Mouse(MouseEvent {
            button,
            column: x.saturating_sub(1),
            row: y.saturating_sub(1),
            mods,
            pressed: !release,
            drag: b & 32 != 0,
        }));
    }

    fn unknown(&mut self, seq: &[u8]) {
        let mut raw = vec![ESC, b'['];
        raw.extend_from_slice(seq);
        self.events.push_back(Event::Unknown(raw));
    }
}
