use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use svcreg_lite::{Builder, Frame, Peer, Service, Status, Transport};

/// Fake registry: acknowledges everything and records request opcodes.
struct Fake {
    peer: Peer,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl Transport for Fake {
    fn exchange(&mut self, request: &Frame) -> io::Result<Vec<Frame>> {
        self.seen.lock().unwrap().push(request.op());
        Err(io::Error::new(io::ErrorKind::Other, "fake registry is write-only"))
    }

    fn peer(&self) -> &Peer {
        &self.peer
    }

    fn redirect(&mut self, addr: SocketAddr) {
        self.peer = Peer::registry(addr);
    }
}

#[test]
fn registers_then_deregisters() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let svc = Service::new("t", "t-1", "192.0.2.1:1".parse().unwrap());
    let reg = Builder::new(svc)
        .transport(Fake {
            peer: Peer::registry("192.0.2.2:2".parse().unwrap()),
            seen: seen.clone(),
        })
        .skew_correction(false)
        .ttl(Duration::from_secs(3))
        .start()
        .unwrap();
    let t0 = Instant::now();
    while seen.lock().unwrap().is_empty() && t0.elapsed() < Duration::from_secs(2) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(reg.status(), Status::Pending);
    reg.deregister();
    assert_eq!(seen.lock().unwrap()[0], 0x01);
}

#[test]
fn needs_endpoints() {
    let svc = Service::new("t", "t-1", "192.0.2.1:1".parse().unwrap());
    assert!(Builder::new(svc).start().is_err());
}
