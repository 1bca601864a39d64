//! In-memory ring of recent lines.

use std::collections::VecDeque;
use std::io;
use std::sync::Mutex;

/// The last N formatted (uncoloured) lines.
pub struct Ring {
    cap: usize,
    lines: Mutex<VecDeque<String>>,
}

impl Ring {
    pub(crate) fn with_capacity(cap: usize) -> Self {
        Ring {
            cap,
            lines: Mutex::new(VecDeque::with_capacity(cap.min(4096))),
        }
    }

    pub(crate) fn push(&self, line: String) {
        let mut g = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        if g.len() == self.cap {
            g.pop_front();
        }
        g.push_back(line);
    }

    /// Copy of the current contents, oldest first.
    pub fn snapshot(&self) -> Vec<String> {
        let g = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        g.iter().cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.lines.lock().map(|g| g.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Show the ring through `$LOGLINE_PAGER` / `$PAGER` (default `less`).
    /// When stdout is not a terminal the lines are printed as they are.
    pub fn page(&self) -> io::Result<()> {
        crate::pager::page(&self.snapshot())
    }

    /// Write the ring to any writer.
    pub fn dump<W: io::Write>(&self, mut w: W) -> io::Result<()> {
        for l in self.snapshot() {
            w.write_all(l.as_bytes())?;
            w.write_all(b"\n")?;
        }
        Ok(())
    }
}
