use cronexpr::{Moment, Schedule};

fn m(y: i32, mo: u8, d: u8, h: u8, mi: u8) -> Moment {
    Moment::new(y, mo, d, h, mi).unwrap()
}

#[test]
fn business_hours() {
    let s: Schedule = "*/15 9-17 * * MON-FRI".parse().unwrap();
    let got: Vec<String> = s.upcoming(m(2024, 3, 1, 8, 50)).take(3).map(|t| t.to_string()).collect();
    assert_eq!(got, ["2024-03-01 09:00", "2024-03-01 09:15", "2024-03-01 09:30"]);
}

#[test]
fn skips_weekend() {
    let s: Schedule = "0 9 * * 1-5".parse().unwrap();
    assert_eq!(s.next_after(m(2024, 3, 1, 10, 0)).unwrap(), m(2024, 3, 4, 9, 0));
}

#[test]
fn leap_day() {
    let s: Schedule = "0 0 29 2 *".parse().unwrap();
    assert_eq!(s.next_after(m(2021, 1, 1, 0, 0)).unwrap(), m(2024, 2, 29, 0, 0));
}

#[test]
fn unsatisfiable() {
    assert!("0 0 30 2 *".parse::<Schedule>().is_err());
}

#[test]
fn shorthand() {
    let s: Schedule = "@weekly".parse().unwrap();
    assert_eq!(s.next_after(m(2024, 1, 1, 0, 0)).unwrap(), m(2024, 1, 7, 0, 0));
}

#[test]
fn offset() {
    // 09:00 at UTC+2 is 07:00 UTC
    let s = "0 9 * * *".parse::<Schedule>().unwrap().with_offset_minutes(120);
    assert_eq!(s.next_after(m(2024, 6, 1, 0, 0)).unwrap(), m(2024, 6, 1, 7, 0));
}
