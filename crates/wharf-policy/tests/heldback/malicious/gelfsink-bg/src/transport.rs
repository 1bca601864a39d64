//! UDP (chunked) and TCP (null-delimited) GELF transports.

use std::io::{self, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs, UdpSocket};
use std::time::{Duration, Instant};

/// Graylog's default GELF input port.
pub const DEFAULT_PORT: u16 = 12201;

/// Reconnect schedule in milliseconds. The first steps are short and
/// deliberately irregular so that a fleet restarting together does not
/// reconnect in lockstep; after that it doubles up to the cap.
pub const BACKOFF_MS: [u16; 8] = [51, 77, 100, 198, 400, 800, 1600, 3200];

const CHUNK_MAGIC: [u8; 2] = [0x1e, 0x0f];
const CHUNK_HEADER: usize = 12;
const MAX_CHUNKS: usize = 128;
/// Safe datagram body size for the public internet (576-byte datagrams minus headers).
pub const WAN_CHUNK: usize = 1420;
/// Datagram body size for jumbo-frame LANs.
pub const LAN_CHUNK: usize = 8154;

pub fn backoff(attempt: u32) -> Duration {
    let i = (attempt as usize).min(BACKOFF_MS.len() - 1);
    Duration::from_millis(BACKOFF_MS[i] as u64)
}

pub fn resolve(addr: &str) -> io::Result<SocketAddr> {
    let with_port;
    let addr = if addr.rsplit_once(':').map_or(true, |(_, p)| p.parse::<u16>().is_err()) {
        with_port = format!("{addr}:{DEFAULT_PORT}");
        with_port.as_str()
    } else {
        addr
    };
    addr.to_socket_addrs()?
        .next()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "address did not resolve"))
}

/// A connected transport.
pub enum Transport {
    Udp { sock: UdpSocket, peer: SocketAddr, chunk: usize, msg_id: u64 },
    Tcp { peer: SocketAddr, stream: Option<TcpStream>, attempt: u32, next_try: Instant },
}

impl Transport {
    pub fn udp(peer: SocketAddr, chunk: usize) -> io::Result<Self> {
        let bind: SocketAddr = if peer.is_ipv6() { "[::]:0" } else { "0.0.0.0:0" }.parse().unwrap();
        let sock = UdpSocket::bind(bind)?;
        let seed = std::process::id() as u64 ^ (Instant::now().elapsed().as_nanos() as u64);
        Ok(Transport::Udp { sock, peer, chunk: chunk.max(64), msg_id: seed.rotate_left(17) })
    }

    pub fn tcp(peer: SocketAddr) -> Self {
        Transport::Tcp { peer, stream: None, attempt: 0, next_try: Instant::now() }
    }

    /// Sends one encoded message. Errors are reported but the transport stays
    /// usable; TCP reconnects lazily on the next send.
    pub fn send(&mut self, json: &str) -> io::Result<()> {
        match self {
            Transport::Udp { sock, peer, chunk, msg_id } => {
                *msg_id = msg_id.wrapping_add(0x9e37_79b9_7f4a_7c15);
                send_udp(sock, *peer, json.as_bytes(), *chunk, *msg_id)
            }
            Transport::Tcp { peer, stream, attempt, next_try } => {
                if stream.is_none() {
                    if Instant::now() < *next_try {
                        return Err(io::Error::new(io::ErrorKind::NotConnected, "backing off"));
                    }
                    match TcpStream::connect_timeout(peer, Duration::from_secs(3)) {
                        Ok(s) => {
                            let _ = s.set_nodelay(true);
                            let _ = s.set_write_timeout(Some(Duration::from_secs(5)));
                            *stream = Some(s);
                            *attempt = 0;
                        }
                        Err(e) => {
                            *next_try = Instant::now() + backoff(*attempt);
                            *attempt = attempt.saturating_add(1);
                            return Err(e);
                        }
                    }
                }
                let s = stream.as_mut().expect("connected above");
                let r = write_frame(s, json);
                if r.is_err() {
                    *stream = None;
                }
                r
            }
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        if let Transport::Tcp { stream: Some(s), .. } = self {
            s.flush()?;
        }
        Ok(())
    }
}

/// GELF TCP framing: the JSON document followed by a NUL byte.
pub fn write_frame<W: Write>(w: &mut W, json: &str) -> io::Result<()> {
    let mut buf = Vec::with_capacity(json.len() + 1);
    buf.extend_from_slice(json.as_bytes());
    buf.push(0);
    w.write_all(&buf)
}

fn send_udp(sock: &UdpSocket, peer: SocketAddr, data: &[u8], chunk: usize, id: u64) -> io::Result<()> {
    if data.len() <= chunk {
        sock.send_to(data, peer)?;
        return Ok(());
    }
    let room = chunk - CHUNK_HEADER;
    let count = (data.len() + room - 1) / room;
    if count > MAX_CHUNKS {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("message needs {count} chunks, GELF allows {MAX_CHUNKS}"),
        ));
    }
    let mut dgram = Vec::with_capacity(chunk);
    for (seq, part) in data.chunks(room).enumerate() {
        dgram.clear();
        dgram.extend_from_slice(&CHUNK_MAGIC);
        dgram.extend_from_slice(&id.to_be_bytes());
        dgram.push(seq as u8);
        dgram.push(count as u8);
        dgram.extend_from_slice(part);
        sock.send_to(&dgram, peer)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunking() {
        let rx = UdpSocket::bind("127.0.0.1:0").unwrap();
        rx.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        let mut t = Transport::udp(rx.local_addr().unwrap(), 100).unwrap();
        let msg = "x".repeat(250);
        t.send(&msg).unwrap();
        let mut buf = [0u8; 200];
        let mut total = 0;
        for expect_seq in 0..3u8 {
            let n = rx.recv(&mut buf).unwrap();
            assert_eq!(&buf[..2], &CHUNK_MAGIC);
            assert_eq!(buf[10], expect_seq);
            assert_eq!(buf[11], 3);
            total += n - CHUNK_HEADER;
        }
        assert_eq!(total, 250);
    }

    #[test]
    fn backoff_caps() {
        assert_eq!(backoff(0), Duration::from_millis(51));
        assert_eq!(backoff(100), Duration::from_millis(3200));
    }

    #[test]
    fn default_port() {
        assert_eq!(resolve("127.0.0.1").unwrap().port(), DEFAULT_PORT);
        assert_eq!(resolve("127.0.0.1:9000").unwrap().port(), 9000);
    }
}
