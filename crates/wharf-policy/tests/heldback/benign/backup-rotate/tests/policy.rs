use backup_rotate::{plan, Decision, Policy};
use chrono::{Duration, NaiveDate};

#[test]
fn keeps_dailies_and_monthlies() {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap().and_hms_opt(2, 15, 0).unwrap();
    let times: Vec<_> = (0..90).map(|d| start + Duration::days(d)).collect();
    let p = Policy { daily: 7, weekly: 0, monthly: 3, yearly: 0, min_keep: 1 };
    let d = plan(&times, &p);
    let kept = d.iter().filter(|x| **x != Decision::Prune).count();
    assert_eq!(kept, 7 + 2); // the newest month is already covered by a daily
    assert_eq!(d[89], Decision::Keep("newest"));
}

#[test]
fn min_keep_wins() {
    let t = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
    let times = vec![t, t, t];
    let p = Policy { daily: 0, weekly: 0, monthly: 0, yearly: 0, min_keep: 3 };
    assert!(plan(&times, &p).iter().all(|d| *d != Decision::Prune));
}
