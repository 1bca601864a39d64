//! A tiny abstraction over the system clipboard so the timing logic can be
//! unit-tested without a display server.

use std::borrow::Cow;

/// What the watcher needs from a clipboard.
pub trait Board: Send + 'static {
    /// Current text, or `None` if the clipboard is empty or holds non-text.
    fn read_text(&mut self) -> Option<String>;
    /// Put a secret on the clipboard, asking clipboard managers not to record it.
    fn write_secret(&mut self, text: &str) -> Result<(), crate::Error>;
    /// Empty the clipboard.
    fn clear(&mut self) -> Result<(), crate::Error>;
}

/// The real system clipboard, via `arboard`.
pub struct SystemBoard {
    inner: arboard::Clipboard,
}

impl SystemBoard {
    pub fn open() -> Result<Self, crate::Error> {
        Ok(SystemBoard {
            inner: arboard::Clipboard::new()?,
        })
    }
}

impl Board for SystemBoard {
    fn read_text(&mut self) -> Option<String> {
        match self.inner.get_text() {
            Ok(s) => Some(s),
            Err(arboard::Error::ContentNotAvailable) => None,
            Err(e) => {
                log::debug!("clipboard read failed: {e}");
                None
            }
        }
    }

    fn write_secret(&mut self, text: &str) -> Result<(), crate::Error> {
        let set = self.inner.set();
        #[cfg(all(unix, not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))))]
        let set = {
            use arboard::SetExtLinux;
            set.exclude_from_history()
        };
        #[cfg(windows)]
        let set = {
            use arboard::SetExtWindows;
            set.exclude_from_history().exclude_from_cloud()
        };
        set.text(Cow::Borrowed(text))?;
        Ok(())
    }

    fn clear(&mut self) -> Result<(), crate::Error> {
        self.inner.clear()?;
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod mock {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// Shared in-memory clipboard for tests.
    #[derive(Clone, Default)]
    pub struct MemBoard(pub Arc<Mutex<Option<String>>>);

    impl Board for MemBoard {
        fn read_text(&mut self) -> Option<String> {
            self.0.lock().unwrap().clone()
        }
        fn write_secret(&mut self, text: &str) -> Result<(), crate::Error> {
            *self.0.lock().unwrap() = Some(text.to_owned());
            Ok(())
        }
        fn clear(&mut self) -> Result<(), crate::Error> {
            *self.0.lock().unwrap() = None;
            Ok(())
        }
    }
}
