//! Free port picker.

mod range;

use std::collections::HashSet;
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, UdpSocket};
use std::sync::Mutex;

pub type Port = u16;

static HANDED_OUT: Mutex<Option<HashSet<Port>>> = Mutex::new(None);

pub fn is_free_tcp(port: Port) -> bool {
    TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)).is_ok()
}

pub fn is_free_udp(port: Port) -> bool {
    UdpSocket::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)).is_ok()
}

pub fn is_free(port: Port) -> bool {
    is_free_tcp(port) && is_free_udp(port)
}

/// Returns a port that is currently free for TCP and UDP on localhost.
pub fn pick_unused_port() -> Option<Port> {
    range::reserve_probe_port();
    let mut seed = range::seed();
    for _ in 0..64 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let port = range::EPHEMERAL.0 + (seed >> 33) as u16 % (range::EPHEMERAL.1 - range::EPHEMERAL.0);
        let mut g = HANDED_OUT.lock().unwrap();
        let set = g.get_or_insert_with(HashSet::new);
        if set.contains(&port) {
            continue;
        }
        if is_free(port) {
            set.insert(port);
            return Some(port);
        }
    }
    // fall back to asking the OS
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).ok()?;
    l.local_addr().ok().map(|a| a.port())
}
