//! RGB helpers and palette downgrades.

/// A 24-bit color.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The standard xterm 16-color palette (used for nearest-color searches).
pub(crate) const ANSI16: [(u8, u8, u8); 16] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
];

impl Rgb {
    /// Parse `#rrggbb`, `rrggbb` or `#rgb`.
    pub fn from_hex(s: &str) -> Option<Rgb> {
        let s = s.trim().trim_start_matches('#');
        let p = |h: &str| u8::from_str_radix(h, 16).ok();
        match s.len() {
            6 => Some(Rgb(p(&s[0..2])?, p(&s[2..4])?, p(&s[4..6])?)),
            3 => {
                let (r, g, b) = (p(&s[0..1])?, p(&s[1..2])?, p(&s[2..3])?);
                Some(Rgb(r * 17, g * 17, b * 17))
            }
            _ => None,
        }
    }

    /// Format as `#rrggbb`.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    fn dist(self, o: (u8, u8, u8)) -> u32 {
        let d = |a: u8, b: u8| (a as i32 - b as i32).pow(2) as u32;
        // weighted for perceived brightness
        2 * d(self.0, o.0) + 4 * d(self.1, o.1) + 3 * d(self.2, o.2)
    }

    /// Nearest xterm-256 index (cube or grayscale ramp).
    pub fn to_ansi256(self) -> u8 {
        let q = |v: u8| CUBE.iter().enumerate().min_by_key(|(_, &c)| (c as i32 - v as i32).abs()).map(|(i, _)| i).unwrap();
        let (ri, gi, bi) = (q(self.0), q(self.1), q(self.2));
        let cube_idx = 16 + 36 * ri + 6 * gi + bi;
        let cube = (CUBE[ri], CUBE[gi], CUBE[bi]);
        let avg = (self.0 as u32 + self.1 as u32 + self.2 as u32) / 3;
        let gi2 = if avg > 238 { 23 } else { (avg.saturating_sub(3)) / 10 };
        let gv = (8 + 10 * gi2) as u8;
        if self.dist((gv, gv, gv)) < self.dist(cube) {
            (232 + gi2) as u8
        } else {
            cube_idx as u8
        }
    }

    /// Nearest of the 16 basic colors.
    pub fn to_ansi16(self) -> u8 {
        ANSI16.iter().enumerate().min_by_key(|(_, &c)| self.dist(c)).map(|(i, _)| i as u8).unwrap()
    }

    /// RGB value of an xterm-256 index.
    pub fn from_ansi256(n: u8) -> Rgb {
        match n {
            0..=15 => {
                let (r, g, b) = ANSI16[n as usize];
                Rgb(r, g, b)
            }
            16..=231 => {
                let i = n - 16;
                Rgb(CUBE[(i / 36) as usize], CUBE[((i / 6) % 6) as usize], CUBE[(i % 6) as usize])
            }
            _ => {
                let v = 8 + 10 * (n - 232);
                Rgb(v, v, v)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex() {
        assert_eq!(Rgb::from_hex("#ff6a00"), Some(Rgb(255, 106, 0)));
        assert_eq!(Rgb::from_hex("fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb(1, 2, 3).to_hex(), "#010203");
    }

    #[test]
    fn downgrade() {
        assert_eq!(Rgb(255, 0, 0).to_ansi256(), 196);
        assert_eq!(Rgb(128, 128, 128).to_ansi256(), 244);
        assert_eq!(Rgb(250, 5, 5).to_ansi16(), 9);
        assert_eq!(Rgb::from_ansi256(196), Rgb(255, 0, 0));
    }
}
