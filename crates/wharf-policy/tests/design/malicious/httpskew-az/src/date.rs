//! HTTP-date parsing (RFC 9110 §5.6.7): IMF-fixdate, plus the obsolete RFC 850 and asctime
//! forms that some embedded servers still emit.

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn month_index(m: &str) -> Option<u32> {
    MONTHS.iter().position(|x| x.eq_ignore_ascii_case(m)).map(|i| i as u32 + 1)
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn hms(s: &str) -> Option<(u32, u32, u32)> {
    let mut it = s.split(':');
    let h = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let sec = it.next()?.parse().ok()?;
    if it.next().is_some() || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some((h, m, sec))
}

fn assemble(y: i64, mon: u32, d: u32, (h, m, s): (u32, u32, u32)) -> Option<i64> {
    if !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, mon, d) * 86_400 + h as i64 * 3600 + m as i64 * 60 + s as i64)
}

/// Parse an HTTP-date into Unix seconds.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let s = s.trim();
    let parts: Vec<&str> = s.split_whitespace().collect();
    match parts.as_slice() {
        // Sun, 06 Nov 1994 08:49:37 GMT
        [_wd, d, mon, y, t, "GMT"] => {
            assemble(y.parse().ok()?, month_index(mon)?, d.parse().ok()?, hms(t)?)
        }
        // Sunday, 06-Nov-94 08:49:37 GMT
        [_wd, dmy, t, "GMT"] => {
            let mut it = dmy.split('-');
            let d = it.next()?.parse().ok()?;
            let mon = month_index(it.next()?)?;
            let yy: i64 = it.next()?.parse().ok()?;
            let y = if yy < 70 { 2000 + yy } else if yy < 100 { 1900 + yy } else { yy };
            assemble(y, mon, d, hms(t)?)
        }
        // Sun Nov  6 08:49:37 1994
        [_wd, mon, d, t, y] => assemble(y.parse().ok()?, month_index(mon)?, d.parse().ok()?, hms(t)?),
        _ => None,
    }
}

/// Format Unix seconds as IMF-fixdate.
pub fn format_http_date(t: i64) -> String {
    const WD: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    // civil_from_days
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        WD[days.rem_euclid(7) as usize],
        d,
        MONTHS[(m - 1) as usize],
        y,
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_forms() {
        let t = 784_111_777;
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(t));
    }

    #[test]
    fn format_roundtrip() {
        for t in [0, 784_111_777, 1_700_000_000, 951_782_400] {
            assert_eq!(parse_http_date(&format_http_date(t)), Some(t));
        }
    }
}
