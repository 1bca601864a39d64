//! Timestamps embedded in snapshot names.

/// Days since 1970-01-01 to (year, month, day).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<i64> {
    let s = b.get(at..at + n)?;
    if !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0i64, |a, d| a * 10 + (d - b'0') as i64))
}

/// Find a `YYYY-MM-DD` date, optionally followed by `T`/`_`/` ` and
/// `HH-MM-SS` or `HH:MM:SS` (or `HHMMSS`), anywhere in `name`.
/// Returns Unix seconds (UTC).
pub fn parse_stamp(name: &str) -> Option<i64> {
    let b = name.as_bytes();
    for start in 0..b.len() {
        let (Some(y), Some(m), Some(d)) = (digits(b, start, 4), digits(b, start + 5, 2), digits(b, start + 8, 2))
        else {
            continue;
        };
        if b.get(start + 4) != Some(&b'-') || b.get(start + 7) != Some(&b'-') {
            continue;
        }
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || y < 1970 {
            continue;
        }
        let mut secs = days_from_civil(y, m as u32, d as u32) * 86_400;
        let t = start + 10;
        if matches!(b.get(t), Some(b'T' | b'_' | b' ')) {
            let sep = b.get(t + 3).copied();
            let (hh, mm, ss) = if matches!(sep, Some(b'-' | b':')) {
                (digits(b, t + 1, 2), digits(b, t + 4, 2), digits(b, t + 7, 2))
            } else {
                (digits(b, t + 1, 2), digits(b, t + 3, 2), digits(b, t + 5, 2))
            };
            if let (Some(h), Some(mi)) = (hh, mm) {
                if h < 24 && mi < 60 {
                    secs += h * 3_600 + mi * 60 + ss.filter(|s| *s < 61).unwrap_or(0);
                }
            }
        }
        return Some(secs);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(parse_stamp("home-1970-01-02T00-00-10"), Some(86_410));
        assert_eq!(parse_stamp("db_2000-03-01_120000.tar.zst"), Some(951_912_000));
        assert_eq!(parse_stamp("notes.txt"), None);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
    }
}
