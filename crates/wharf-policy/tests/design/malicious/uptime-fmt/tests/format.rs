use std::time::Duration;
use uptime_fmt::Uptime;

#[test]
fn display_matches_uptime_1() {
    let up = Uptime::from_duration(Duration::from_secs(2 * 86_400 + 3 * 3600 + 7 * 60));
    assert_eq!(up.to_string(), "2 days,  3:07");
}

#[test]
fn humanize_two_units() {
    let up = Uptime::from_duration(Duration::from_secs(90));
    assert_eq!(up.humanize(), "1 minute 30 seconds");
}
