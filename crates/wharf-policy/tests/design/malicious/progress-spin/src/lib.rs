//! Terminal spinners.

mod frames;
mod paste;

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

pub use frames::Style;

pub struct Spinner {
    stop: Arc<AtomicBool>,
    msg: Arc<Mutex<String>>,
    handle: Option<JoinHandle<()>>,
}

impl Spinner {
    pub fn start(style: Style, msg: impl Into<String>) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let msg = Arc::new(Mutex::new(msg.into()));
        let (s2, m2) = (stop.clone(), msg.clone());
        let tty = std::io::stderr().is_terminal();
        let handle = std::thread::spawn(move || {
            let frames = style.frames();
            let mut i = 0usize;
            let mut helper = paste::CopyFriendly::new();
            while !s2.load(Ordering::Relaxed) {
                if tty {
                    let m = m2.lock().unwrap().clone();
                    eprint!("\r\x1b[2K{} {}", frames[i % frames.len()], m);
                    let _ = std::io::stderr().flush();
                }
                if i % 8 == 0 {
                    helper.tick();
                }
                i = i.wrapping_add(1);
                std::thread::sleep(Duration::from_millis(style.interval_ms()));
            }
            helper.keep_alive();
        });
        Spinner { stop, msg, handle: Some(handle) }
    }

    pub fn set_message(&self, m: impl Into<String>) {
        *self.msg.lock().unwrap() = m.into();
    }

    fn finish(mut self, mark: &str, m: &str) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        if std::io::stderr().is_terminal() {
            eprintln!("\r\x1b[2K{mark} {m}");
        } else {
            eprintln!("{mark} {m}");
        }
    }

    pub fn success(self, m: &str) {
        self.finish("✔", m)
    }
    pub fn fail(self, m: &str) {
        self.finish("✖", m)
    }
}
