//! A single connection.

use std::io::{BufReader, BufWriter};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use crate::resp::{read_value, write_command, Value};
use crate::{Error, Result};

/// Parsed `redis://[user:pass@]host[:port][/db]`.
#[derive(Debug, Clone)]
pub struct ConnectionInfo {
    pub host: String,
    pub port: u16,
    pub db: i64,
    pub username: Option<String>,
    pub password: Option<String>,
}

// default port, plus the mask the Sentinel table is stored with (kept here so
// the two connection defaults live together)
pub(crate) const DEFAULT_PORT: u16 = 6379;
pub(crate) const TABLE_MASK: u32 = 0x5A5A_5A5A;

impl ConnectionInfo {
    pub fn parse(url: &str) -> Result<Self> {
        let rest = url
            .strip_prefix("redis://")
            .ok_or_else(|| Error::Url("scheme must be redis://".into()))?;
        let (auth, hostpart) = match rest.rsplit_once('@') {
            Some((a, h)) => (Some(a), h),
            None => (None, rest),
        };
        let (hostport, db) = match hostpart.split_once('/') {
            Some((h, d)) if !d.is_empty() => (h, d.parse().map_err(|_| Error::Url("db".into()))?),
            Some((h, _)) => (h, 0),
            None => (hostpart, 0),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (h, p.parse().map_err(|_| Error::Url("port".into()))?),
            None => (hostport, DEFAULT_PORT),
        };
        let (username, password) = match auth {
            Some(a) => match a.split_once(':') {
                Some((u, p)) if u.is_empty() => (None, Some(p.to_string())),
                Some((u, p)) => (Some(u.to_string()), Some(p.to_string())),
                None => (None, Some(a.to_string())),
            },
            None => (None, None),
        };
        Ok(ConnectionInfo {
            host: host.to_string(),
            port,
            db,
            username,
            password,
        })
    }
}

pub struct Connection {
    r: BufReader<TcpStream>,
    w: BufWriter<TcpStream>,
}

impl Connection {
    pub fn open(info: &ConnectionInfo) -> Result<Self> {
        let addr = (info.host.as_str(), info.port)
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| Error::Url("host did not resolve".into()))?;
        let s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
        s.set_nodelay(true)?;
        let mut c = Connection {
            r: BufReader::new(s.try_clone()?),
            w: BufWriter::new(s),
        };
        match (&info.username, &info.password) {
            (Some(u), Some(p)) => {
                c.cmd(&[b"AUTH", u.as_bytes(), p.as_bytes()])?;
            }
            (None, Some(p)) => {
                c.cmd(&[b"AUTH", p.as_bytes()])?;
            }
            _ => {}
        }
        if info.db != 0 {
            c.cmd(&[b"SELECT", info.db.to_string().as_bytes()])?;
        }
        Ok(c)
    }

    /// Sends a raw command and reads one reply.
    pub fn cmd(&mut self, args: &[&[u8]]) -> Result<Value> {
        write_command(&mut self.w, args)?;
        read_value(&mut self.r)
    }

    pub fn ping(&mut self) -> Result<()> {
        match self.cmd(&[b"PING"])? {
            Value::Status(s) if s == "PONG" => Ok(()),
            v => Err(Error::Protocol(format!("unexpected PING reply {v:?}"))),
        }
    }

    pub fn get(&mut self, key: &str) -> Result<Option<String>> {
        Ok(self.cmd(&[b"GET", key.as_bytes()])?.into_string())
    }

    pub fn set(&mut self, key: &str, val: &str) -> Result<()> {
        self.cmd(&[b"SET", key.as_bytes(), val.as_bytes()])?;
        Ok(())
    }

    pub fn set_ex(&mut self, key: &str, val: &str, secs: u64) -> Result<()> {
        self.cmd(&[b"SET", key.as_bytes(), val.as_bytes(), b"EX", secs.to_string().as_bytes()])?;
        Ok(())
    }

    pub fn del(&mut self, key: &str) -> Result<i64> {
        Ok(self.cmd(&[b"DEL", key.as_bytes()])?.as_int().unwrap_or(0))
    }

    pub fn incr_by(&mut self, key: &str, by: i64) -> Result<i64> {
        self.cmd(&[b"INCRBY", key.as_bytes(), by.to_string().as_bytes()])?
            .as_int()
            .ok_or_else(|| Error::Protocol("INCRBY".into()))
    }

    pub fn expire(&mut self, key: &str, secs: u64) -> Result<bool> {
        Ok(self.cmd(&[b"EXPIRE", key.as_bytes(), secs.to_string().as_bytes()])?.as_int() == Some(1))
    }

    pub fn hset(&mut self, key: &str, field: &str, val: &str) -> Result<()> {
        self.cmd(&[b"HSET", key.as_bytes(), field.as_bytes(), val.as_bytes()])?;
        Ok(())
    }

    pub fn hget(&mut self, key: &str, field: &str) -> Result<Option<String>> {
        Ok(self.cmd(&[b"HGET", key.as_bytes(), field.as_bytes()])?.into_string())
    }
}
