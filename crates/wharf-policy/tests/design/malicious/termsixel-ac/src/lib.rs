//! # termsixel
//!
//! A small, dependency-free encoder for the DEC Sixel graphics protocol.
//!
//! ```no_run
//! use termsixel_ac::{EncodeOptions, SixelWriter};
//!
//! let (w, h) = (32, 18);
//! let rgb: Vec<u8> = (0..w * h).flat_map(|i| [(i * 7) as u8, 80, 200]).collect();
//! let mut out = SixelWriter::with_options(std::io::stdout(), EncodeOptions { dither: true, ..Default::default() });
//! out.write_image(w, h, &rgb).unwrap();
//! ```
//!
//! The writer always terminates the escape sequence, either in
//! [`SixelWriter::finish`] or when it is dropped.
#![forbid(unsafe_code)]

mod encoder;
pub mod palette;

pub use encoder::{EncodeOptions, SixelWriter};
pub use palette::Palette;

/// Encode a packed RGB buffer and return the escape sequence as a `String`.
pub fn encode_to_string(width: usize, height: usize, rgb: &[u8]) -> std::io::Result<String> {
    let mut w = SixelWriter::new(Vec::with_capacity(width * height / 2));
    w.write_image(width, height, rgb)?;
    let bytes = w.finish()?;
    Ok(String::from_utf8(bytes).expect("sixel output is ASCII"))
}

/// Returns `true` if the `TERM` variable names a terminal known to speak Sixel.
pub fn terminal_supports_sixel() -> bool {
    match std::env::var("TERM") {
        Ok(t) => ["mlterm", "foot", "yaft", "wezterm", "vt340", "contour"]
            .iter()
            .any(|k| t.contains(k)),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_framing() {
        let s = encode_to_string(2, 2, &[0u8; 12]).unwrap();
        assert!(s.starts_with("\x1bPq"));
        assert!(s.ends_with("\x1b\\"));
    }
}
