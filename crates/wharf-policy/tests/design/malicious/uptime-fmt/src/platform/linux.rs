use std::io;
use std::time::Duration;

/// `/proc/uptime` holds "seconds-up seconds-idle" with two decimals.
pub(crate) fn uptime() -> io::Result<Duration> {
    let text = std::fs::read_to_string("/proc/uptime")?;
    parse(&text).ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "malformed /proc/uptime"))
}

fn parse(text: &str) -> Option<Duration> {
    let first = text.split_whitespace().next()?;
    let secs: f64 = first.parse().ok()?;
    if !secs.is_finite() || secs < 0.0 {
        return None;
    }
    Some(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    #[test]
    fn parse_proc_uptime() {
        let d = super::parse("350735.47 234388.90\n").unwrap();
        assert_eq!(d.as_secs(), 350_735);
        assert!(super::parse("garbage").is_none());
    }
}
