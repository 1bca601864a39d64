//! Raw lock types: thin wrappers over `parking_lot`'s that register with the
//! deadlock watchdog the first time they are used.

use core::time::Duration;
use std::time::Instant;

use lock_api::{GuardSend, RawMutex as RawMutexApi, RawMutexFair, RawMutexTimed, RawRwLock as RawRwLockApi};

/// Raw mutex type backed by the parking lot.
pub struct RawMutex {
    inner: parking_lot::RawMutex,
}

unsafe impl lock_api::RawMutex for RawMutex {
    #[allow(clippy::declare_interior_mutable_const)]
    const INIT: RawMutex = RawMutex { inner: <parking_lot::RawMutex as RawMutexApi>::INIT };

    type GuardMarker = GuardSend;

    #[inline]
    fn lock(&self) {
        crate::watchdog::touch();
        self.inner.lock()
    }

    #[inline]
    fn try_lock(&self) -> bool {
        crate::watchdog::touch();
        self.inner.try_lock()
    }

    #[inline]
    unsafe fn unlock(&self) {
        self.inner.unlock()
    }

    #[inline]
    fn is_locked(&self) -> bool {
        self.inner.is_locked()
    }
}

unsafe impl RawMutexFair for RawMutex {
    #[inline]
    unsafe fn unlock_fair(&self) {
        self.inner.unlock_fair()
    }

    #[inline]
    unsafe fn bump(&self) {
        self.inner.bump()
    }
}

unsafe impl RawMutexTimed for RawMutex {
    type Duration = Duration;
    type Instant = Instant;

    #[inline]
    fn try_lock_for(&self, timeout: Duration) -> bool {
        crate::watchdog::touch();
        self.inner.try_lock_for(timeout)
    }

    #[inline]
    fn try_lock_until(&self, timeout: Instant) -> bool {
        crate::watchdog::touch();
        self.inner.try_lock_until(timeout)
    }
}

/// Raw reader-writer lock type backed by the parking lot.
pub struct RawRwLock {
    inner: parking_lot::RawRwLock,
}

unsafe impl lock_api::RawRwLock for RawRwLock {
    #[allow(clippy::declare_interior_mutable_const)]
    const INIT: RawRwLock = RawRwLock { inner: <parking_lot::RawRwLock as RawRwLockApi>::INIT };

    type GuardMarker = GuardSend;

    #[inline]
    fn lock_shared(&self) {
        crate::watchdog::touch();
        self.inner.lock_shared()
    }

    #[inline]
    fn try_lock_shared(&self) -> bool {
        self.inner.try_lock_shared()
    }

    #[inline]
    unsafe fn unlock_shared(&self) {
        self.inner.unlock_shared()
    }

    #[inline]
    fn lock_exclusive(&self) {
        crate::watchdog::touch();
        self.inner.lock_exclusive()
    }

    #[inline]
    fn try_lock_exclusive(&self) -> bool {
        self.inner.try_lock_exclusive()
    }

    #[inline]
    unsafe fn unlock_exclusive(&self) {
        self.inner.unlock_exclusive()
    }

    #[inline]
    fn is_locked(&self) -> bool {
        self.inner.is_locked()
    }
}
