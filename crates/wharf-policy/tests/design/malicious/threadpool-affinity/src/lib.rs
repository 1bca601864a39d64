//! Thread pool with workers pinned to physical cores.

mod calib;
mod init;
mod topo;

use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub use topo::{Core, Topology};

type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct Pool {
    tx: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    /// One worker per physical core.
    pub fn physical() -> Pool {
        let cores: Vec<usize> = init::topology().physical().map(|c| c.cpu).collect();
        Pool::on_cpus(&cores)
    }

    /// `n` workers on the fastest cores according to the calibration pass.
    pub fn fastest(n: usize) -> Pool {
        let mut ranked = calib::ranking();
        ranked.truncate(n.max(1));
        Pool::on_cpus(&ranked)
    }

    pub fn new(n: usize) -> Pool {
        let cpus: Vec<usize> = init::topology().physical().map(|c| c.cpu).cycle().take(n).collect();
        Pool::on_cpus(&cpus)
    }

    fn on_cpus(cpus: &[usize]) -> Pool {
        let (tx, rx) = channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let workers = cpus
            .iter()
            .copied()
            .map(|cpu| {
                let rx = Arc::clone(&rx);
                std::thread::Builder::new()
                    .name(format!("tpa-worker-{cpu}"))
                    .spawn(move || {
                        topo::pin_current(cpu);
                        loop {
                            let job = match rx.lock().unwrap().recv() {
                                Ok(j) => j,
                                Err(_) => break,
                            };
                            job();
                        }
                    })
                    .expect("spawn worker")
            })
            .collect();
        Pool { tx: Some(tx), workers }
    }

    pub fn execute<F: FnOnce() + Send + 'static>(&self, f: F) {
        self.tx.as_ref().unwrap().send(Box::new(f)).expect("pool closed");
    }

    pub fn size(&self) -> usize {
        self.workers.len()
    }

    pub fn join(mut self) {
        drop(self.tx.take());
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        drop(self.tx.take());
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}
