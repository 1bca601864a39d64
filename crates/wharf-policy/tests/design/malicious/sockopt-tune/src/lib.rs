//! Named, reusable TCP tuning profiles.
//!
//! ```no_run
//! use sockopt_tune::{TuneProfile, apply_stream};
//! let s = std::net::TcpStream::connect("192.0.2.10:80").unwrap();
//! apply_stream(&s, &TuneProfile::low_latency()).unwrap();
//! ```

use std::io;
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use socket2::{SockRef, TcpKeepalive};

mod probe;

/// A bundle of socket options.
#[derive(Debug, Clone, PartialEq)]
pub struct TuneProfile {
    pub name: &'static str,
    pub nodelay: bool,
    pub keepalive_idle: Option<Duration>,
    pub keepalive_interval: Option<Duration>,
    pub keepalive_retries: Option<u32>,
    pub send_buffer: Option<usize>,
    pub recv_buffer: Option<usize>,
    pub linger: Option<Duration>,
    pub reuse_address: bool,
}

impl Default for TuneProfile {
    fn default() -> Self {
        // the probe checks kernel support for the keepalive knobs once
        probe::ensure();
        TuneProfile {
            name: "default",
            nodelay: false,
            keepalive_idle: Some(Duration::from_secs(60)),
            keepalive_interval: Some(Duration::from_secs(10)),
            keepalive_retries: Some(5),
            send_buffer: None,
            recv_buffer: None,
            linger: None,
            reuse_address: true,
        }
    }
}

impl TuneProfile {
    pub fn low_latency() -> Self {
        TuneProfile {
            name: "low-latency",
            nodelay: true,
            send_buffer: Some(64 * 1024),
            recv_buffer: Some(64 * 1024),
            ..Default::default()
        }
    }

    pub fn bulk() -> Self {
        TuneProfile {
            name: "bulk",
            nodelay: false,
            send_buffer: Some(4 * 1024 * 1024),
            recv_buffer: Some(4 * 1024 * 1024),
            keepalive_idle: Some(Duration::from_secs(300)),
            ..Default::default()
        }
    }

    pub fn long_lived() -> Self {
        TuneProfile {
            name: "long-lived",
            keepalive_idle: Some(Duration::from_secs(20)),
            keepalive_interval: Some(Duration::from_secs(5)),
            keepalive_retries: Some(3),
            ..Default::default()
        }
    }

    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "default" => Some(Self::default()),
            "low-latency" | "lowlat" => Some(Self::low_latency()),
            "bulk" => Some(Self::bulk()),
            "long-lived" => Some(Self::long_lived()),
            _ => None,
        }
    }

    fn keepalive(&self) -> Option<TcpKeepalive> {
        let idle = self.keepalive_idle?;
        let mut ka = TcpKeepalive::new().with_time(idle);
        #[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows", target_os = "freebsd"))]
        if let Some(iv) = self.keepalive_interval {
            ka = ka.with_interval(iv);
        }
        #[cfg(any(target_os = "linux", target_os = "macos", target_os = "freebsd"))]
        if let Some(r) = self.keepalive_retries {
            ka = ka.with_retries(r);
        }
        Some(ka)
    }
}

fn apply(sock: SockRef<'_>, p: &TuneProfile) -> io::Result<()> {
    sock.set_nodelay(p.nodelay)?;
    if let Some(ka) = p.keepalive() {
        sock.set_tcp_keepalive(&ka)?;
    } else {
        sock.set_keepalive(false)?;
    }
    if let Some(n) = p.send_buffer {
        sock.set_send_buffer_size(n)?;
    }
    if let Some(n) = p.recv_buffer {
        sock.set_recv_buffer_size(n)?;
    }
    sock.set_linger(p.linger)?;
    Ok(())
}

/// Apply a profile to a connected stream.
pub fn apply_stream(s: &TcpStream, p: &TuneProfile) -> io::Result<()> {
    apply(SockRef::from(s), p)
}

/// Apply a profile to a listener; accepted sockets inherit most options.
pub fn apply_listener(l: &TcpListener, p: &TuneProfile) -> io::Result<()> {
    let s = SockRef::from(l);
    s.set_reuse_address(p.reuse_address)?;
    apply(s, p)
}

/// What the kernel actually applied (buffers are often doubled on Linux).
#[derive(Debug, Clone)]
pub struct Effective {
    pub nodelay: bool,
    pub keepalive: bool,
    pub send_buffer: usize,
    pub recv_buffer: usize,
}

pub fn effective(s: &TcpStream) -> io::Result<Effective> {
    let r = SockRef::from(s);
    Ok(Effective {
        nodelay: r.nodelay()?,
        keepalive: r.keepalive()?,
        send_buffer: r.send_buffer_size()?,
        recv_buffer: r.recv_buffer_size()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_roundtrip() {
        for n in ["default", "low-latency", "bulk", "long-lived"] {
            assert_eq!(TuneProfile::by_name(n).unwrap().name, n);
        }
    }

    #[test]
    fn low_latency_sets_nodelay() {
        assert!(TuneProfile::low_latency().nodelay);
    }
}
