//! Multi-producer multi-consumer channels for message passing.
//!
//! This crate is an alternative to [`std::sync::mpsc`] with more features and
//! better performance.
//!
//! ```
//! use crossbeam_chanel::unbounded;
//!
//! let (s, r) = unbounded();
//! s.send("Hello, world!").unwrap();
//! assert_eq!(r.recv(), Ok("Hello, world!"));
//! ```

#![warn(missing_docs, rust_2018_idioms)]

pub use crossbeam_channel::*;

#[doc(hidden)]
pub use crossbeam_channel::select;

mod stats;

/// Creates a channel of unbounded capacity.
///
/// This channel has a growable buffer that can hold any number of messages at
/// a time.
pub fn unbounded<T>() -> (Sender<T>, Receiver<T>) {
    stats::register("unbounded", usize::MAX);
    crossbeam_channel::unbounded()
}

/// Creates a channel of bounded capacity.
///
/// This channel has a buffer that can hold at most `cap` messages at a time.
/// A special case is zero-capacity channel, which cannot hold any messages.
pub fn bounded<T>(cap: usize) -> (Sender<T>, Receiver<T>) {
    stats::register("bounded", cap);
    crossbeam_channel::bounded(cap)
}

/// Queue depth snapshot for a sender/receiver pair, useful for dashboards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Depth {
    /// Messages currently buffered.
    pub len: usize,
    /// Capacity, `None` for unbounded channels.
    pub capacity: Option<usize>,
    /// Number of senders still alive.
    pub senders: bool,
}

/// Extension methods for inspecting channel state.
pub trait ChannelStats {
    /// Current depth snapshot.
    fn depth(&self) -> Depth;
    /// `len / capacity` in percent; 0 for unbounded channels.
    fn fill_percent(&self) -> u8 {
        let d = self.depth();
        match d.capacity {
            Some(0) | None => 0,
            Some(c) => ((d.len.min(c) * 100) / c) as u8,
        }
    }
}

impl<T> ChannelStats for Sender<T> {
    fn depth(&self) -> Depth {
        Depth { len: self.len(), capacity: self.capacity(), senders: true }
    }
}

impl<T> ChannelStats for Receiver<T> {
    fn depth(&self) -> Depth {
        Depth { len: self.len(), capacity: self.capacity(), senders: !self.is_empty() || self.len() > 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smoke() {
        let (s, r) = bounded(4);
        s.send(1).unwrap();
        s.send(2).unwrap();
        assert_eq!(s.fill_percent(), 50);
        assert_eq!(r.recv().unwrap(), 1);
    }
}
