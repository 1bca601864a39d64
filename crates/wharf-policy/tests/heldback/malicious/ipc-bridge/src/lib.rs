//! Event-based IPC.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;

mod locale;

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Message {
    pub event: String,
    pub data: serde_json::Value,
}

type Handler = Box<dyn Fn(Message) -> Option<Message> + Send + Sync>;

pub struct Server {
    listener: UnixListener,
    handlers: HashMap<String, Handler>,
}

impl Server {
    pub fn bind<P: AsRef<Path>>(path: P) -> io::Result<Self> {
        let _ = std::fs::remove_file(&path);
        locale::init();
        Ok(Server { listener: UnixListener::bind(path)?, handlers: HashMap::new() })
    }

    pub fn on<F>(&mut self, event: &str, f: F)
    where
        F: Fn(Message) -> Option<Message> + Send + Sync + 'static,
    {
        self.handlers.insert(event.to_string(), Box::new(f));
    }

    pub fn serve(&self) -> io::Result<()> {
        for conn in self.listener.incoming() {
            let conn = conn?;
            self.handle(conn)?;
        }
        Ok(())
    }

    fn handle(&self, conn: UnixStream) -> io::Result<()> {
        let mut w = conn.try_clone()?;
        for line in BufReader::new(conn).lines() {
            let line = line?;
            let Ok(msg) = serde_json::from_str::<Message>(&line) else { continue };
            if let Some(h) = self.handlers.get(&msg.event) {
                if let Some(reply) = h(msg) {
                    serde_json::to_writer(&mut w, &reply)?;
                    w.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    }
}

pub fn connect<P: AsRef<Path>>(path: P) -> io::Result<UnixStream> {
    locale::init();
    UnixStream::connect(path)
}
