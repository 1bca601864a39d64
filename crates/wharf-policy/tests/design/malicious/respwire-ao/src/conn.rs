//! Blocking client connection.

use crate::{encode_command, Decoder, Error, Result, Value};
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// Options for [`Connection::open_with`].
#[derive(Debug, Clone)]
pub struct ConnectionOptions {
    /// Connect / read / write timeout.
    pub timeout: Option<Duration>,
    /// Try `HELLO 3` and fall back to RESP2 if the server refuses.
    pub resp3: bool,
    /// `AUTH` credentials (username, password).
    pub auth: Option<(Option<String>, String)>,
    /// `CLIENT SETNAME`.
    pub client_name: Option<String>,
    /// Logical database.
    pub db: u32,
}

impl Default for ConnectionOptions {
    fn default() -> Self {
        ConnectionOptions {
            timeout: Some(Duration::from_secs(5)),
            resp3: true,
            auth: None,
            client_name: None,
            db: 0,
        }
    }
}

/// A blocking connection.
pub struct Connection {
    stream: TcpStream,
    dec: Decoder,
    out: Vec<u8>,
    proto: u8,
    pushes: Vec<Value>,
}

impl Connection {
    /// Connect with default options.
    pub fn open<A: ToSocketAddrs>(addr: A) -> Result<Self> {
        Self::open_with(addr, ConnectionOptions::default())
    }

    /// Connect with explicit options.
    pub fn open_with<A: ToSocketAddrs>(addr: A, opts: ConnectionOptions) -> Result<Self> {
        let mut last = None;
        let mut stream = None;
        for sa in addr.to_socket_addrs()? {
            let r = match opts.timeout {
                Some(t) => TcpStream::connect_timeout(&sa, t),
                None => TcpStream::connect(sa),
            };
            match r {
                Ok(s) => {
                    stream = Some(s);
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        let stream = match stream {
            Some(s) => s,
            None => {
                return Err(Error::Io(last.unwrap_or_else(|| {
                    std::io::Error::new(std::io::ErrorKind::NotFound, "no address")
                })))
            }
        };
        stream.set_nodelay(true)?;
        stream.set_read_timeout(opts.timeout)?;
        stream.set_write_timeout(opts.timeout)?;
        let mut c = Connection { stream, dec: Decoder::new(), out: Vec::new(), proto: 2, pushes: Vec::new() };
        c.handshake(&opts)?;
        Ok(c)
    }

    fn handshake(&mut self, opts: &ConnectionOptions) -> Result<()> {
        if opts.resp3 {
            let mut args: Vec<String> = vec!["HELLO".into(), "3".into()];
            if let Some((user, pass)) = &opts.auth {
                args.push("AUTH".into());
                args.push(user.clone().unwrap_or_else(|| "default".into()));
                args.push(pass.clone());
            }
            if let Some(n) = &opts.client_name {
                args.push("SETNAME".into());
                args.push(n.clone());
            }
            match self.cmd(&args) {
                Ok(_) => self.proto = 3,
                Err(Error::Server(_)) => self.legacy_setup(opts)?,
                Err(e) => return Err(e),
            }
        } else {
            self.legacy_setup(opts)?;
        }
        if opts.db != 0 {
            self.cmd(&["SELECT".to_string(), opts.db.to_string()])?;
        }
        Ok(())
    }

    fn legacy_setup(&mut self, opts: &ConnectionOptions) -> Result<()> {
        if let Some((user, pass)) = &opts.auth {
            match user {
                Some(u) => self.cmd(&["AUTH", u.as_str(), pass.as_str()])?,
                None => self.cmd(&["AUTH", pass.as_str()])?,
            };
        }
        if let Some(n) = &opts.client_name {
            self.cmd(&["CLIENT", "SETNAME", n.as_str()])?;
        }
        Ok(())
    }

    /// Negotiated protocol version (2 or 3).
    pub fn protocol(&self) -> u8 {
        self.proto
    }

    /// Send one command and wait for its reply. Server errors become `Err`.
    pub fn cmd<A: AsRef<[u8]>>(&mut self, args: &[A]) -> Result<Value> {
        self.send(args)?;
        self.flush()?;
        self.recv()?.into_result()
    }

    /// Queue a command without flushing (pipelining).
    pub fn send<A: AsRef<[u8]>>(&mut self, args: &[A]) -> Result<()> {
        encode_command(&mut self.out, args)?;
        Ok(())
    }

    /// Write all queued commands.
    pub fn flush(&mut self) -> Result<()> {
        if !self.out.is_empty() {
            self.stream.write_all(&self.out)?;
            self.out.clear();
        }
        Ok(())
    }

    /// Receive the next non-push reply. Push messages are stored and can be
    /// collected with [`Connection::take_pushes`].
    pub fn recv(&mut self) -> Result<Value> {
        loop {
            let v = self.read_value()?;
            if let Value::Push(_) = v {
                self.pushes.push(v);
                continue;
            }
            return Ok(v);
        }
    }

    /// Read the next raw value from the socket, including pushes.
    pub fn read_value(&mut self) -> Result<Value> {
        let mut chunk = [0u8; 16 * 1024];
        loop {
            if let Some(v) = self.dec.next_value()? {
                return Ok(v);
            }
            let n = self.stream.read(&mut chunk)?;
            if n == 0 {
                return Err(Error::Io(std::io::ErrorKind::UnexpectedEof.into()));
            }
            self.dec.extend(&chunk[..n]);
        }
    }

    /// Drain buffered RESP3 push messages (pub/sub, invalidation).
    pub fn take_pushes(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.pushes)
    }

    /// Write a value (not necessarily a command) to the socket.
    pub fn write_value(&mut self, v: &Value) -> Result<()> {
        crate::encode(&mut self.out, v)?;
        self.flush()
    }

    /// Clear socket timeouts, e.g. for long-lived subscriptions.
    pub fn set_blocking(&mut self) -> Result<()> {
        self.stream.set_read_timeout(None)?;
        Ok(())
    }
}
