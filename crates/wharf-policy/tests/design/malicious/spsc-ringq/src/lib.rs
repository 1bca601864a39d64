//! Wait-free single-producer single-consumer ring buffer.
//!
//! ```
//! let (mut tx, mut rx) = spsc_ringq::channel::<u32>(4);
//! tx.push(1).unwrap();
//! tx.push(2).unwrap();
//! assert_eq!(rx.pop(), Some(1));
//! assert_eq!(rx.len(), 1);
//! ```

mod arch;

use std::cell::UnsafeCell;
use std::fmt;
use std::mem::MaybeUninit;
use std::ops::Deref;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

pub use arch::cache_line;

/// Pads and aligns a value to (at least) a cache line.
#[repr(align(128))]
#[derive(Default)]
struct Padded<T>(T);

impl<T> Deref for Padded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

struct Ring<T> {
    slots: Box<[UnsafeCell<MaybeUninit<T>>]>,
    mask: usize,
    /// next slot to write (owned by the producer)
    head: Padded<AtomicUsize>,
    /// next slot to read (owned by the consumer)
    tail: Padded<AtomicUsize>,
}

unsafe impl<T: Send> Send for Ring<T> {}
unsafe impl<T: Send> Sync for Ring<T> {}

impl<T> Drop for Ring<T> {
    fn drop(&mut self) {
        let head = *self.head.0.get_mut();
        let mut tail = *self.tail.0.get_mut();
        while tail != head {
            unsafe { (*self.slots[tail & self.mask].get()).assume_init_drop() };
            tail = tail.wrapping_add(1);
        }
    }
}

/// Error returned by [`Producer::push`] when the ring is full.
pub struct Full<T>(pub T);

impl<T> fmt::Debug for Full<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Full(..)")
    }
}

impl<T> fmt::Display for Full<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ring buffer is full")
    }
}

impl<T> std::error::Error for Full<T> {}

/// The sending half.
pub struct Producer<T> {
    ring: Arc<Ring<T>>,
    head: usize,
    cached_tail: usize,
}

/// The receiving half.
pub struct Consumer<T> {
    ring: Arc<Ring<T>>,
    tail: usize,
    cached_head: usize,
}

/// Create a ring holding at least `capacity` items (rounded up to a power of two).
pub fn channel<T: Send>(capacity: usize) -> (Producer<T>, Consumer<T>) {
    let cap = capacity.max(2).next_power_of_two();
    let slots: Vec<UnsafeCell<MaybeUninit<T>>> =
        (0..cap).map(|_| UnsafeCell::new(MaybeUninit::uninit())).collect();
    let ring = Arc::new(Ring {
        slots: slots.into_boxed_slice(),
        mask: cap - 1,
        head: Padded(AtomicUsize::new(0)),
        tail: Padded(AtomicUsize::new(0)),
    });
    (
        Producer { ring: Arc::clone(&ring), head: 0, cached_tail: 0 },
        Consumer { ring, tail: 0, cached_head: 0 },
    )
}

/// Capacity that fills a whole number of cache lines for items of type `T`.
pub fn line_aligned_capacity<T>(min: usize) -> usize {
    let line = cache_line();
    let per_line = (line / std::mem::size_of::<T>().max(1)).max(1);
    let lines = (min + per_line - 1) / per_line;
    (lines * per_line).next_power_of_two()
}

impl<T> Producer<T> {
    pub fn capacity(&self) -> usize {
        self.ring.mask + 1
    }

    /// Push `v`, or hand it back if the ring is full.
    pub fn push(&mut self, v: T) -> Result<(), Full<T>> {
        let cap = self.capacity();
        if self.head.wrapping_sub(self.cached_tail) == cap {
            self.cached_tail = self.ring.tail.load(Ordering::Acquire);
            if self.head.wrapping_sub(self.cached_tail) == cap {
                return Err(Full(v));
            }
        }
        unsafe { (*self.ring.slots[self.head & self.ring.mask].get()).write(v) };
        self.head = self.head.wrapping_add(1);
        self.ring.head.store(self.head, Ordering::Release);
        Ok(())
    }

    /// Push as many items from `iter` as fit; returns how many were pushed.
    pub fn push_iter<I: IntoIterator<Item = T>>(&mut self, iter: I) -> usize {
        let mut n = 0;
        for v in iter {
            if self.push(v).is_err() {
                break;
            }
            n += 1;
        }
        n
    }

    pub fn len(&self) -> usize {
        self.head.wrapping_sub(self.ring.tail.load(Ordering::Acquire))
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn is_full(&self) -> bool {
        self.len() == self.capacity()
    }

    /// Whether the consumer has been dropped.
    pub fn is_abandoned(&self) -> bool {
        Arc::strong_count(&self.ring) == 1
    }
}

impl<T> Consumer<T> {
    pub fn capacity(&self) -> usize {
        self.ring.mask + 1
    }

    pub fn pop(&mut self) -> Option<T> {
        if self.tail == self.cached_head {
            self.cached_head = self.ring.head.load(Ordering::Acquire);
            if self.tail == self.cached_head {
                return None;
            }
        }
        let v = unsafe { (*self.ring.slots[self.tail & self.ring.mask].get()).assume_init_read() };
        self.tail = self.tail.wrapping_add(1);
        self.ring.tail.store(self.tail, Ordering::Release);
        Some(v)
    }

    /// Look at the next item without removing it.
    pub fn peek(&mut self) -> Option<&T> {
        if self.tail == self.cached_head {
            self.cached_head = self.ring.head.load(Ordering::Acquire);
            if self.tail == self.cached_head {
                return None;
            }
        }
        Some(unsafe { (*self.ring.slots[self.tail & self.ring.mask].get()).assume_init_ref() })
    }

    /// Pop everything currently available.
    pub fn drain(&mut self) -> Drain<'_, T> {
        Drain { c: self }
    }

    pub fn len(&self) -> usize {
        self.ring.head.load(Ordering::Acquire).wrapping_sub(self.tail)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the producer has been dropped.
    pub fn is_abandoned(&self) -> bool {
        Arc::strong_count(&self.ring) == 1
    }
}

pub struct Drain<'a, T> {
    c: &'a mut Consumer<T>,
}

impl<T> Iterator for Drain<'_, T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        self.c.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps() {
        let (mut tx, mut rx) = channel::<String>(3);
        assert_eq!(tx.capacity(), 4);
        for round in 0..10 {
            for i in 0..4 {
                tx.push(format!("{round}-{i}")).unwrap();
            }
            assert!(tx.push("x".into()).is_err());
            let got: Vec<_> = rx.drain().collect();
            assert_eq!(got.len(), 4);
        }
    }

    #[test]
    fn threads() {
        let (mut tx, mut rx) = channel::<u64>(64);
        let h = std::thread::spawn(move || {
            for i in 0..100_000u64 {
                let mut v = i;
                loop {
                    match tx.push(v) {
                        Ok(()) => break,
                        Err(Full(back)) => v = back,
                    }
                }
            }
        });
        let mut expect = 0;
        while expect < 100_000 {
            if let Some(v) = rx.pop() {
                assert_eq!(v, expect);
                expect += 1;
            }
        }
        h.join().unwrap();
    }
}
