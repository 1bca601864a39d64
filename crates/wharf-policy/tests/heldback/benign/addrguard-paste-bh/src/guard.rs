//! Copy/paste verification, lookalike detection and the clipboard watcher.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::address::{self, Address};
use crate::clipboard::ClipboardBackend;

/// How two addresses of the same chain resemble each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike {
    /// Number of identical leading characters (after any `0x`/`bc1` prefix).
    pub shared_prefix: usize,
    /// Number of identical trailing characters.
    pub shared_suffix: usize,
    /// Levenshtein distance.
    pub distance: usize,
}

impl fmt::Display for Lookalike {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "same first {} and last {} characters but a different address (edit distance {})",
            self.shared_prefix, self.shared_suffix, self.distance
        )
    }
}

fn body(a: &Address) -> &str {
    let t = a.text.as_str();
    t.strip_prefix("0x")
        .or_else(|| t.strip_prefix("bc1"))
        .or_else(|| t.strip_prefix("tb1"))
        .unwrap_or(t)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Compares two addresses. Returns `Some` when they are different but share
/// at least `min_affix` characters at the start *and* at the end — the
/// signature of vanity-generated poisoning addresses — or are within two
/// edits of each other.
pub fn lookalike(known: &Address, candidate: &Address, min_affix: usize) -> Option<Lookalike> {
    if known.chain != candidate.chain || known.text.eq_ignore_ascii_case(&candidate.text) {
        return None;
    }
    let (a, b) = (body(known).to_ascii_lowercase(), body(candidate).to_ascii_lowercase());
    let shared_prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shared_suffix = a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count();
    let distance = levenshtein(&a, &b);
    let similar = (shared_prefix >= min_affix && shared_suffix >= min_affix) || distance <= 2;
    similar.then_some(Lookalike { shared_prefix, shared_suffix, distance })
}

/// Result of checking a candidate against an [`AddressBook`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookVerdict {
    /// Exactly a saved address.
    Known(String),
    /// Resembles a saved address — probably poisoning.
    Lookalike {
        /// Label of the address it imitates.
        label: String,
        /// How it resembles it.
        how: Lookalike,
    },
    /// Not related to anything saved.
    Unknown,
}

/// Caller-maintained list of trusted addresses.
#[derive(Debug, Clone, Default)]
pub struct AddressBook {
    entries: Vec<(String, Address)>,
    min_affix: usize,
}

impl AddressBook {
    /// Empty book; lookalikes need 4 shared leading and trailing characters.
    pub fn new() -> Self {
        AddressBook { entries: Vec::new(), min_affix: 4 }
    }

    /// Adds a labelled address.
    pub fn add(&mut self, label: &str, addr: Address) {
        self.entries.push((label.to_owned(), addr));
    }

    /// Checks a candidate.
    pub fn check(&self, candidate: &Address) -> BookVerdict {
        for (label, a) in &self.entries {
            if a.chain == candidate.chain && a.text.eq_ignore_ascii_case(&candidate.text) {
                return BookVerdict::Known(label.clone());
            }
        }
        for (label, a) in &self.entries {
            if let Some(how) = lookalike(a, candidate, self.min_affix) {
                return BookVerdict::Lookalike { label: label.clone(), how };
            }
        }
        BookVerdict::Unknown
    }
}

/// Outcome of [`Guard::check_paste`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasteVerdict {
    /// The pasted address is the one that was copied.
    Match,
    /// A different address was pasted.
    Mismatch {
        /// What was copied.
        expected: Address,
        /// What arrived.
        got: Address,
        /// Set when `got` imitates `expected`.
        lookalike: Option<Lookalike>,
    },
    /// The paste is not a valid address (or fails its checksum).
    NotAnAddress(address::AddrError),
    /// Nothing was armed, or the window expired.
    NotArmed,
}

/// Remembers the address the user copied and checks what they paste.
#[derive(Debug)]
pub struct Guard {
    armed: Option<(Address, Instant)>,
    window: Duration,
}

impl Guard {
    /// A guard whose arming expires after `window`.
    pub fn new(window: Duration) -> Self {
        Guard { armed: None, window }
    }

    /// Records that `addr` was just copied.
    pub fn arm(&mut self, addr: Address) {
        self.armed = Some((addr, Instant::now()));
    }

    /// Forgets the armed address.
    pub fn disarm(&mut self) {
        self.armed = None;
    }

    /// Checks a pasted string against the armed address.
    pub fn check_paste(&self, pasted: &str) -> PasteVerdict {
        let Some((expected, at)) = &self.armed else { return PasteVerdict::NotArmed };
        if at.elapsed() > self.window {
            return PasteVerdict::NotArmed;
        }
        let got = match address::parse(pasted) {
            Ok(a) => a,
            Err(e) => return PasteVerdict::NotAnAddress(e),
        };
        if got.chain == expected.chain && got.text.eq_ignore_ascii_case(&expected.text) {
            return PasteVerdict::Match;
        }
        let lk = lookalike(expected, &got, 3);
        PasteVerdict::Mismatch { expected: expected.clone(), got, lookalike: lk }
    }
}

/// What the watcher observed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchEvent {
    /// An address appeared on the clipboard.
    AddressCopied(Address),
    /// Within the suspicion window, the clipboard's address was replaced by
    /// a different address of the same chain without anything else in
    /// between — the pattern of clipboard-hijacking malware.
    Replaced {
        /// The address that was there.
        before: Address,
        /// The address that replaced it.
        after: Address,
        /// Time between the two observations.
        after_ms: u128,
        /// Resemblance, if any.
        lookalike: Option<Lookalike>,
    },
}

/// Polls a clipboard on a background thread that the caller starts and
/// stops. Dropping the watcher stops the thread.
pub struct Watcher {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Starts polling `cb` every `interval`; replacements within `window`
    /// of a copy are reported as [`WatchEvent::Replaced`].
    pub fn start(
        cb: Arc<dyn ClipboardBackend>,
        interval: Duration,
        window: Duration,
    ) -> (Watcher, Receiver<WatchEvent>) {
        let (tx, rx) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = Arc::clone(&stop);
        let handle = thread::Builder::new()
            .name("addrguard-watch".into())
            .spawn(move || {
                let mut last_text = String::new();
                let mut last_addr: Option<(Address, Instant)> = None;
                while !stop2.load(Ordering::Relaxed) {
                    if let Ok(text) = cb.read() {
                        if text != last_text {
                            let now = Instant::now();
                            match address::parse(&text) {
                                Ok(addr) => {
                                    let ev = match &last_addr {
                                        Some((prev, t))
                                            if prev.chain == addr.chain
                                                && prev.text != addr.text
                                                && now.duration_since(*t) <= window =>
                                        {
                                            WatchEvent::Replaced {
                                                before: prev.clone(),
                                                after: addr.clone(),
                                                after_ms: now.duration_since(*t).as_millis(),
                                                lookalike: lookalike(prev, &addr, 3),
                                            }
                                        }
                                        _ => WatchEvent::AddressCopied(addr.clone()),
                                    };
                                    if tx.send(ev).is_err() {
                                        return;
                                    }
                                    last_addr = Some((addr, now));
                                }
                                Err(_) => last_addr = None,
                            }
                            last_text = text;
                        }
                    }
                    thread::sleep(interval);
                }
            })
            .expect("spawning watcher thread");
        (Watcher { stop, handle: Some(handle) }, rx)
    }

    /// Stops the thread and waits for it.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.shutdown();
    }
}
