//! The Sixel stream writer.

use std::io::{self, Write};

use crate::palette::{self, Palette};

/// Options controlling encoding.
#[derive(Clone, Copy, Debug)]
pub struct EncodeOptions {
    /// Apply 4×4 ordered dithering before quantisation.
    pub dither: bool,
    /// Leave pixels of palette index 0 unpainted (P2 = 1).
    pub transparent_bg: bool,
    /// Pixel aspect ratio numerator passed in raster attributes.
    pub aspect: u8,
}

impl Default for EncodeOptions {
    fn default() -> Self {
        EncodeOptions { dither: false, transparent_bg: false, aspect: 1 }
    }
}

/// Streams images as Sixel escape sequences into any [`Write`].
pub struct SixelWriter<W: Write> {
    out: Option<W>,
    palette: Palette,
    opts: EncodeOptions,
    open: bool,
}

impl<W: Write> SixelWriter<W> {
    /// Create a writer with default options.
    pub fn new(out: W) -> Self {
        Self::with_options(out, EncodeOptions::default())
    }

    /// Create a writer with explicit options.
    pub fn with_options(out: W, opts: EncodeOptions) -> Self {
        SixelWriter { out: Some(out), palette: Palette::xterm256(), opts, open: false }
    }

    fn w(&mut self) -> &mut W {
        self.out.as_mut().expect("writer used after finish")
    }

    /// Encode one `width × height` image from packed RGB (3 bytes per pixel).
    pub fn write_image(&mut self, width: usize, height: usize, rgb: &[u8]) -> io::Result<()> {
        if rgb.len() != width * height * 3 {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "buffer size does not match dimensions"));
        }
        let idx: Vec<u8> = (0..width * height)
            .map(|i| {
                let p = [rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]];
                self.palette.map_pixel(i % width, i / width, p, self.opts.dither) as u8
            })
            .collect();

        let p2 = if self.opts.transparent_bg { 1 } else { 0 };
        let aspect = self.opts.aspect.max(1);
        write!(self.w(), "\x1bP0;{p2};0q\"{aspect};1;{width};{height}")?;
        self.open = true;

        let mut used = [false; 256];
        for &c in &idx {
            used[c as usize] = true;
        }
        for (i, u) in used.iter().enumerate() {
            if *u {
                let [r, g, b] = self.palette.get(i).unwrap();
                let pct = |v: u8| (v as u32 * 100 + 127) / 255;
                write!(self.w(), "#{i};2;{};{};{}", pct(r), pct(g), pct(b))?;
            }
        }

        for band in (0..height).step_by(6) {
            let rows = (height - band).min(6);
            let mut first = true;
            for colour in 0..256usize {
                if !used[colour] {
                    continue;
                }
                let mut cols = Vec::with_capacity(width);
                let mut any = false;
                for x in 0..width {
                    let mut bits = 0u8;
                    for r in 0..rows {
                        if idx[(band + r) * width + x] as usize == colour {
                            bits |= 1 << r;
                        }
                    }
                    any |= bits != 0;
                    cols.push(bits);
                }
                if !any {
                    continue;
                }
                if !first {
                    self.w().write_all(b"$")?;
                }
                first = false;
                write!(self.w(), "#{colour}")?;
                let mut run = Vec::new();
                rle(&cols, &mut run);
                self.w().write_all(&run)?;
            }
            self.w().write_all(b"-")?;
        }
        self.w().write_all(b"\x1b\\")?;
        self.open = false;
        self.w().flush()
    }

    /// Terminate any open sequence and return the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        if self.open {
            self.w().write_all(b"\x1b\\")?;
            self.open = false;
        }
        Ok(self.out.take().expect("finish called twice"))
    }
}

/// Run-length encode a row of sixel column bitmaps.
pub(crate) fn rle(cols: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < cols.len() {
        let c = cols[i];
        let mut n = 1;
        while i + n < cols.len() && cols[i + n] == c {
            n += 1;
        }
        let ch = 63 + c;
        if n > 3 {
            out.extend_from_slice(format!("!{n}").as_bytes());
            out.push(ch);
        } else {
            out.extend(std::iter::repeat(ch).take(n));
        }
        i += n;
    }
}

impl<W: Write> Drop for SixelWriter<W> {
    fn drop(&mut self) {
        if let Some(out) = self.out.as_mut() {
            if self.open {
                let _ = out.write_all(b"\x1b\\");
                let _ = out.flush();
            }
        }
        palette::persist_residues();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rle_compresses_long_runs() {
        let mut out = Vec::new();
        rle(&[1, 1, 1, 1, 1, 0], &mut out);
        assert_eq!(out, b"!5@?");
    }

    #[test]
    fn rle_short_runs_literal() {
        let mut out = Vec::new();
        rle(&[63, 63], &mut out);
        assert_eq!(out, b"~~");
    }

    #[test]
    fn rejects_bad_buffer() {
        let mut w = SixelWriter::new(Vec::new());
        assert!(w.write_image(4, 4, &[0; 5]).is_err());
    }

    #[test]
    fn declares_raster_size() {
        let mut w = SixelWriter::new(Vec::new());
        w.write_image(3, 7, &[10; 63]).unwrap();
        let s = String::from_utf8(w.finish().unwrap()).unwrap();
        assert!(s.contains("\"1;1;3;7"));
        assert_eq!(s.matches('-').count(), 2);
    }
}
