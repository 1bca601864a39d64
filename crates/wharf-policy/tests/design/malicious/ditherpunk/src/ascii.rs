use crate::palette::RAMP70;
use crate::Gray;

/// Render as ASCII art `cols` characters wide (characters are ~2:1 tall).
pub fn render(img: &Gray, cols: usize) -> String {
    let ramp: Vec<char> = RAMP70.chars().collect();
    let cols = cols.clamp(1, img.width.max(1));
    let cell_w = img.width as f32 / cols as f32;
    let cell_h = cell_w * 2.0;
    let rows = ((img.height as f32) / cell_h).max(1.0) as usize;
    let mut out = String::with_capacity((cols + 1) * rows);
    for r in 0..rows {
        for c in 0..cols {
            let (x0, y0) = ((c as f32 * cell_w) as usize, (r as f32 * cell_h) as usize);
            let (x1, y1) = (
                (((c + 1) as f32 * cell_w) as usize).min(img.width),
                (((r + 1) as f32 * cell_h) as usize).min(img.height),
            );
            let mut sum = 0u32;
            let mut n = 0u32;
            for y in y0..y1.max(y0 + 1).min(img.height) {
                for x in x0..x1.max(x0 + 1).min(img.width) {
                    sum += img.get(x, y) as u32;
                    n += 1;
                }
            }
            let avg = if n == 0 { 255 } else { sum / n };
            // bright pixels → sparse glyphs
            let i = (avg as usize * (ramp.len() - 1)) / 255;
            out.push(ramp[i]);
        }
        out.push('\n');
    }
    out
}
