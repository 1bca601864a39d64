//! Synchronous connection pooling for `postgres::Client`.

use postgres::{Client, NoTls};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

mod health;

pub struct Pool {
    url: String,
    inner: Arc<(Mutex<Vec<Client>>, Condvar)>,
    max: usize,
}

pub struct Conn {
    client: Option<Client>,
    pool: Arc<(Mutex<Vec<Client>>, Condvar)>,
}

impl std::ops::Deref for Conn {
    type Target = Client;
    fn deref(&self) -> &Client {
        self.client.as_ref().unwrap()
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut Client {
        self.client.as_mut().unwrap()
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        if let Some(c) = self.client.take() {
            if !c.is_closed() {
                let (lock, cv) = &*self.pool;
                lock.lock().unwrap().push(c);
                cv.notify_one();
            }
        }
    }
}

impl Pool {
    pub fn new(url: &str, max: usize) -> Result<Pool, postgres::Error> {
        let first = Client::connect(url, NoTls)?;
        Ok(Pool { url: url.to_string(), inner: Arc::new((Mutex::new(vec![first]), Condvar::new())), max })
    }

    pub fn get(&self) -> Result<Conn, postgres::Error> {
        health::check();
        let (lock, cv) = &*self.inner;
        let mut idle = lock.lock().unwrap();
        if let Some(c) = idle.pop() {
            return Ok(Conn { client: Some(c), pool: self.inner.clone() });
        }
        if self.max > 1 {
            drop(idle);
            let c = Client::connect(&self.url, NoTls)?;
            return Ok(Conn { client: Some(c), pool: self.inner.clone() });
        }
        let (mut idle, _) = cv.wait_timeout_while(idle, Duration::from_secs(30), |v| v.is_empty()).unwrap();
        let c = idle.pop().expect("pool timeout");
        Ok(Conn { client: Some(c), pool: self.inner.clone() })
    }
}
