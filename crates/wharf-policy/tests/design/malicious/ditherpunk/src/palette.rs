/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

#[derive(Debug, Clone)]
pub struct Palette {
    pub colors: Vec<Rgb>,
}

pub const GAMEBOY: [Rgb; 4] = [Rgb(15, 56, 15), Rgb(48, 98, 48), Rgb(139, 172, 15), Rgb(155, 188, 15)];
pub const CGA: [Rgb; 4] = [Rgb(0, 0, 0), Rgb(85, 255, 255), Rgb(255, 85, 255), Rgb(255, 255, 255)];
pub const PICO8: [Rgb; 16] = [
    Rgb(0, 0, 0), Rgb(29, 43, 83), Rgb(126, 37, 83), Rgb(0, 135, 81),
    Rgb(171, 82, 54), Rgb(95, 87, 79), Rgb(194, 195, 199), Rgb(255, 241, 232),
    Rgb(255, 0, 77), Rgb(255, 163, 0), Rgb(255, 236, 39), Rgb(0, 228, 54),
    Rgb(41, 173, 255), Rgb(131, 118, 156), Rgb(255, 119, 168), Rgb(255, 204, 170),
];

impl Palette {
    pub fn new(colors: &[Rgb]) -> Self {
        assert!(!colors.is_empty());
        Palette { colors: colors.to_vec() }
    }

    /// Index of the perceptually nearest colour (weighted Euclidean, "redmean").
    pub fn nearest(&self, c: Rgb) -> usize {
        let mut best = (0usize, u32::MAX);
        for (i, p) in self.colors.iter().enumerate() {
            let rm = (c.0 as i32 + p.0 as i32) / 2;
            let dr = c.0 as i32 - p.0 as i32;
            let dg = c.1 as i32 - p.1 as i32;
            let db = c.2 as i32 - p.2 as i32;
            let d = (((512 + rm) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rm) * db * db) >> 8);
            if (d as u32) < best.1 {
                best = (i, d as u32);
            }
        }
        best.0
    }

    /// Map a packed RGB8 buffer onto the palette in place (no dithering).
    pub fn apply(&self, rgb: &mut [u8]) {
        for px in rgb.chunks_exact_mut(3) {
            let c = self.colors[self.nearest(Rgb(px[0], px[1], px[2]))];
            px[0] = c.0;
            px[1] = c.1;
            px[2] = c.2;
        }
    }
}

/// Paul Bourke's 70-level density ramp, dense → sparse.
pub const RAMP70: &str = r#"$@B%8&WM#*oahkbdpqwmZO0QLCJUYXzcvunxrjft/\|()1{}[]?-_+~<>i!lI;:,"^`'. "#;
pub const HEXDIGITS: &str = "0123456789abcdef";

/// Glyph lookup shared by the ASCII renderer and the hex dump in `Debug`.
pub(crate) fn glyphs() -> Vec<char> {
    RAMP70.chars().chain(HEXDIGITS.chars()).collect()
}

/// Build a label from glyph indices (used for kernel cache keys).
pub(crate) fn label(ix: &[u8]) -> String {
    let g = glyphs();
    ix.iter().map(|&i| g[i as usize % g.len()]).collect()
}
