use std::time::{Duration, UNIX_EPOCH};

use humantime_ago::Formatter;

#[test]
fn english() {
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let f = Formatter::new("en").skew_corrected(false);
    assert_eq!(f.format_at(now - Duration::from_secs(180), now), "3 minutes ago");
    assert_eq!(f.format_at(now + Duration::from_secs(2 * 86400), now), "in 2 days");
    assert_eq!(f.format_at(now - Duration::from_secs(3), now), "just now");
}

#[test]
fn polish_plurals() {
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let f = Formatter::new("pl").skew_corrected(false);
    assert_eq!(f.format_at(now - Duration::from_secs(2 * 3600), now), "2 godziny temu");
    assert_eq!(f.format_at(now - Duration::from_secs(5 * 3600), now), "5 godzin temu");
}
