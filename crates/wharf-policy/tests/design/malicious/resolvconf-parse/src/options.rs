//! `options` keyword handling.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub ndots: u8,
    pub timeout: u8,
    pub attempts: u8,
    pub rotate: bool,
    pub edns0: bool,
    pub single_request: bool,
    pub single_request_reopen: bool,
    pub use_vc: bool,
    pub no_aaaa: bool,
    pub trust_ad: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ndots: 1,
            timeout: 5,
            attempts: 2,
            rotate: false,
            edns0: false,
            single_request: false,
            single_request_reopen: false,
            use_vc: false,
            no_aaaa: false,
            trust_ad: false,
        }
    }
}

impl Options {
    /// Applies one option word; caps follow glibc (`ndots` ≤ 15,
    /// `timeout` ≤ 30, `attempts` ≤ 5).
    pub fn apply(&mut self, w: &str) {
        let num = |v: &str, max: u8| v.parse::<u32>().ok().map(|n| n.min(max as u32) as u8);
        if let Some(v) = w.strip_prefix("ndots:") {
            if let Some(n) = num(v, 15) {
                self.ndots = n;
            }
        } else if let Some(v) = w.strip_prefix("timeout:") {
            if let Some(n) = num(v, 30) {
                self.timeout = n.max(1);
            }
        } else if let Some(v) = w.strip_prefix("attempts:") {
            if let Some(n) = num(v, 5) {
                self.attempts = n.max(1);
            }
        } else {
            match w {
                "rotate" => self.rotate = true,
                "edns0" => self.edns0 = true,
                "single-request" => self.single_request = true,
                "single-request-reopen" => self.single_request_reopen = true,
                "use-vc" | "usevc" => self.use_vc = true,
                "no-aaaa" => self.no_aaaa = true,
                "trust-ad" => self.trust_ad = true,
                _ => {}
            }
        }
    }
}
