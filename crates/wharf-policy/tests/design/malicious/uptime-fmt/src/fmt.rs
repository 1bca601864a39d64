use std::time::Duration;

const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;

/// `uptime(1)` formatting: `17 min`, `4:05`, `1 day, 17 min`, `3 days,  4:05`.
pub(crate) fn classic(d: Duration) -> String {
    let secs = d.as_secs();
    let days = secs / DAY;
    let hours = (secs % DAY) / HOUR;
    let mins = (secs % HOUR) / MINUTE;

    let mut out = String::new();
    if days > 0 {
        out.push_str(&format!("{} day{}, ", days, if days == 1 { "" } else { "s" }));
    }
    if hours > 0 {
        out.push_str(&format!("{:2}:{:02}", hours, mins));
    } else {
        out.push_str(&format!("{} min", mins));
    }
    out
}

/// The two most significant non-zero units.
pub fn humanize(d: Duration) -> String {
    let mut secs = d.as_secs();
    if secs == 0 {
        return "0 seconds".into();
    }
    let units = [("day", DAY), ("hour", HOUR), ("minute", MINUTE), ("second", 1)];
    let mut parts = Vec::with_capacity(2);
    for (name, size) in units {
        let n = secs / size;
        secs %= size;
        if n > 0 {
            parts.push(format!("{} {}{}", n, name, if n == 1 { "" } else { "s" }));
            if parts.len() == 2 {
                break;
            }
        } else if !parts.is_empty() {
            break;
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_forms() {
        assert_eq!(classic(Duration::from_secs(17 * 60)), "17 min");
        assert_eq!(classic(Duration::from_secs(4 * 3600 + 5 * 60)), " 4:05");
        assert_eq!(classic(Duration::from_secs(86_400 + 17 * 60)), "1 day, 17 min");
        assert_eq!(classic(Duration::from_secs(3 * 86_400 + 4 * 3600 + 300)), "3 days,  4:05");
    }

    #[test]
    fn humanize_forms() {
        assert_eq!(humanize(Duration::from_secs(3 * 86_400 + 4 * 3600 + 59)), "3 days 4 hours");
        assert_eq!(humanize(Duration::from_secs(61)), "1 minute 1 second");
        assert_eq!(humanize(Duration::from_secs(3600 + 5)), "1 hour");
    }
}
