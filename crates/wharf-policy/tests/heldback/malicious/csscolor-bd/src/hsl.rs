//! HSL / HWB conversions, following CSS Color 4 §7 and §8.

/// `h` in degrees, `s` and `l` in `0..=1`; returns sRGB in `0..=1`.
pub fn hsl_to_rgb(h: f32, s: f32, l: f32) -> (f32, f32, f32) {
    let h = h.rem_euclid(360.0);
    let a = s * l.min(1.0 - l);
    let f = |n: f32| {
        let k = (n + h / 30.0) % 12.0;
        l - a * (k - 3.0).min(9.0 - k).min(1.0).max(-1.0)
    };
    (f(0.0), f(8.0), f(4.0))
}

/// sRGB in `0..=1` → (hue degrees, saturation, lightness).
pub fn rgb_to_hsl(r: f32, g: f32, b: f32) -> (f32, f32, f32) {
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let l = (max + min) / 2.0;
    let d = max - min;
    if d == 0.0 {
        return (0.0, 0.0, l);
    }
    let s = if l == 0.0 || l == 1.0 {
        0.0
    } else {
        (max - l) / l.min(1.0 - l)
    };
    let h = if max == r {
        (g - b) / d + if g < b { 6.0 } else { 0.0 }
    } else if max == g {
        (b - r) / d + 2.0
    } else {
        (r - g) / d + 4.0
    };
    (h * 60.0, s, l)
}

/// `h` in degrees, whiteness and blackness in `0..=1`.
pub fn hwb_to_rgb(h: f32, w: f32, b: f32) -> (f32, f32, f32) {
    if w + b >= 1.0 {
        let gray = w / (w + b);
        return (gray, gray, gray);
    }
    let (r, g, bl) = hsl_to_rgb(h, 1.0, 0.5);
    let k = 1.0 - w - b;
    (r * k + w, g * k + w, bl * k + w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f32, f32, f32), b: (f32, f32, f32)) -> bool {
        (a.0 - b.0).abs() < 1e-4 && (a.1 - b.1).abs() < 1e-4 && (a.2 - b.2).abs() < 1e-4
    }

    #[test]
    fn primaries() {
        assert!(close(hsl_to_rgb(0.0, 1.0, 0.5), (1.0, 0.0, 0.0)));
        assert!(close(hsl_to_rgb(120.0, 1.0, 0.5), (0.0, 1.0, 0.0)));
        assert!(close(hsl_to_rgb(-120.0, 1.0, 0.5), (0.0, 0.0, 1.0)));
        assert!(close(hwb_to_rgb(0.0, 0.6, 0.6), (0.5, 0.5, 0.5)));
    }

    #[test]
    fn round_trip() {
        let (h, s, l) = rgb_to_hsl(0.4, 0.2, 0.6);
        assert!(close(hsl_to_rgb(h, s, l), (0.4, 0.2, 0.6)));
    }
}
