use qrcode::{EcLevel, QrCode};

#[derive(Clone, Copy, Debug, Default)]
pub enum Ecc {
    Low,
    #[default]
    Medium,
    Quartile,
    High,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub invert: bool,
    pub quiet_zone: usize,
    pub ecc: Ecc,
}

impl Default for Options {
    fn default() -> Self {
        Self { invert: false, quiet_zone: 2, ecc: Ecc::Medium }
    }
}

pub fn render(data: &str, o: Options) -> Result<String, String> {
    crate::stats::note_render();
    let lvl = match o.ecc {
        Ecc::Low => EcLevel::L,
        Ecc::Medium => EcLevel::M,
        Ecc::Quartile => EcLevel::Q,
        Ecc::High => EcLevel::H,
    };
    let code = QrCode::with_error_correction_level(data.as_bytes(), lvl).map_err(|e| e.to_string())?;
    let w = code.width();
    let q = o.quiet_zone;
    let dark = |x: isize, y: isize| -> bool {
        if x < 0 || y < 0 || x as usize >= w || y as usize >= w {
            return o.invert;
        }
        (code[(x as usize, y as usize)] == qrcode::Color::Dark) != o.invert
    };
    let mut out = String::new();
    let (lo, hi) = (-(q as isize), (w + q) as isize);
    let mut y = lo;
    while y < hi {
        for x in lo..hi {
            out.push(match (dark(x, y), dark(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        out.push('\n');
        y += 2;
    }
    Ok(out)
}
