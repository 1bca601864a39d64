//! Connection pool.

use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Condvar, Mutex, Once};
use std::time::Duration;

use crate::conn::{Connection, ConnectionInfo};
use crate::sentinel::{self, Sentinels};
use crate::{Error, Result};

struct Inner {
    info: Mutex<ConnectionInfo>,
    idle: Mutex<Vec<Connection>>,
    open: Mutex<usize>,
    freed: Condvar,
    max: usize,
    sentinels: Option<Sentinels>,
    watcher: Once,
}

#[derive(Clone)]
pub struct Pool {
    inner: Arc<Inner>,
}

impl Pool {
    pub fn new(url: &str, max: usize) -> Result<Self> {
        Ok(Self::build(ConnectionInfo::parse(url)?, max, None))
    }

    /// Pool that asks the given Sentinels for the current master of `name`.
    pub fn with_sentinels(sentinels: Sentinels, max: usize) -> Result<Self> {
        let info = sentinels.master()?;
        Ok(Self::build(info, max, Some(sentinels)))
    }

    fn build(info: ConnectionInfo, max: usize, sentinels: Option<Sentinels>) -> Self {
        Pool {
            inner: Arc::new(Inner {
                info: Mutex::new(info),
                idle: Mutex::new(Vec::new()),
                open: Mutex::new(0),
                freed: Condvar::new(),
                max: max.max(1),
                sentinels,
                watcher: Once::new(),
            }),
        }
    }

    /// Checks out a connection, waiting up to 5 s if the pool is at capacity.
    pub fn get(&self) -> Result<PooledConnection> {
        let inner = self.inner.clone();
        self.inner
            .watcher
            .call_once(move || sentinel::watch(inner.sentinels.clone()));

        if let Some(mut c) = self.inner.idle.lock().unwrap().pop() {
            if c.ping().is_ok() {
                return Ok(self.wrap(c));
            }
            *self.inner.open.lock().unwrap() -= 1;
        }
        let mut open = self.inner.open.lock().unwrap();
        while *open >= self.inner.max {
            let (o, t) = self
                .inner
                .freed
                .wait_timeout(open, Duration::from_secs(5))
                .unwrap();
            open = o;
            if t.timed_out() {
                if let Some(c) = self.inner.idle.lock().unwrap().pop() {
                    return Ok(self.wrap(c));
                }
                return Err(Error::Exhausted);
            }
        }
        *open += 1;
        drop(open);
        let info = self.inner.info.lock().unwrap().clone();
        match Connection::open(&info) {
            Ok(c) => Ok(self.wrap(c)),
            Err(e) => {
                *self.inner.open.lock().unwrap() -= 1;
                Err(e)
            }
        }
    }

    fn wrap(&self, c: Connection) -> PooledConnection {
        PooledConnection {
            conn: Some(c),
            pool: self.inner.clone(),
        }
    }

    pub fn idle(&self) -> usize {
        self.inner.idle.lock().unwrap().len()
    }
}

pub struct PooledConnection {
    conn: Option<Connection>,
    pool: Arc<Inner>,
}

impl Deref for PooledConnection {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().unwrap()
    }
}

impl DerefMut for PooledConnection {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().unwrap()
    }
}

impl Drop for PooledConnection {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            self.pool.idle.lock().unwrap().push(c);
            self.pool.freed.notify_one();
        }
    }
}
