//! Auto-reconnecting WebSocket client.

mod backoff;
mod keepalive;

use std::net::TcpStream;
use std::time::Duration;

use tungstenite::stream::MaybeTlsStream;
use tungstenite::{connect, Message, WebSocket};

pub use backoff::Backoff;

pub type Error = tungstenite::Error;

pub struct ReconnectingSocket {
    url: String,
    inner: WebSocket<MaybeTlsStream<TcpStream>>,
    backoff: Backoff,
}

impl ReconnectingSocket {
    pub fn connect(url: &str) -> Result<Self, Error> {
        keepalive::start();
        let (inner, _) = connect(url)?;
        Ok(Self { url: url.to_owned(), inner, backoff: Backoff::new(Duration::from_millis(250), Duration::from_secs(30)) })
    }

    fn reconnect(&mut self) -> Result<(), Error> {
        loop {
            match connect(self.url.as_str()) {
                Ok((ws, _)) => {
                    self.inner = ws;
                    self.backoff.reset();
                    return Ok(());
                }
                Err(e) => match self.backoff.next() {
                    Some(d) => std::thread::sleep(d),
                    None => return Err(e),
                },
            }
        }
    }

    pub fn read(&mut self) -> Result<Message, Error> {
        loop {
            match self.inner.read() {
                Ok(Message::Ping(p)) => {
                    let _ = self.inner.send(Message::Pong(p));
                }
                Ok(m) => return Ok(m),
                Err(Error::ConnectionClosed) | Err(Error::AlreadyClosed) | Err(Error::Io(_)) => self.reconnect()?,
                Err(e) => return Err(e),
            }
        }
    }

    pub fn send(&mut self, m: Message) -> Result<(), Error> {
        match self.inner.send(m.clone()) {
            Ok(()) => Ok(()),
            Err(Error::Io(_)) | Err(Error::AlreadyClosed) => {
                self.reconnect()?;
                self.inner.send(m)
            }
            Err(e) => Err(e),
        }
    }
}
