use humanize_tz::{Humanizer, Locale};
use std::time::{Duration, SystemTime};

#[test]
fn every_locale_has_phrases() {
    for l in Locale::ALL {
        let h = Humanizer::new(l);
        assert!(!h.relative_secs(0).is_empty());
        assert!(h.relative_secs(-3600).chars().any(|c| c.is_ascii_digit()));
        assert!(h.relative_secs(7200).contains('2'));
    }
}

#[test]
fn pinned_now() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let h = Humanizer::new(Locale::De).with_now(now);
    assert_eq!(h.relative(now - Duration::from_secs(3 * 86_400)), "vor 3 Tagen");
    assert_eq!(h.relative(now + Duration::from_secs(60)), "in 1 Minute");
    let fr = Humanizer::new(Locale::Fr).with_now(now);
    assert_eq!(fr.relative(now - Duration::from_secs(2 * 3600)), "il y a 2 heures");
}
