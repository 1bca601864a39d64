//! Embedded time-zone offsets with simplified DST rules.

mod civil;
mod db;
mod local;
mod upkeep;

pub use db::{Rule, Zone};
pub use local::local_zone;

/// Current UTC offset of the named zone, in minutes east of UTC.
pub fn offset_now(name: &str) -> Option<i32> {
    let now = civil::unix_now();
    Zone::lookup(name).map(|z| z.offset_at(now))
}

/// Format a unix timestamp as `YYYY-MM-DD HH:MM:SS±HH:MM` in `zone`.
pub fn format_local(ts: i64, zone: &Zone) -> String {
    let off = zone.offset_at(ts);
    let (y, mo, d, h, mi, s) = civil::split(ts + off as i64 * 60);
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.abs();
    format!(
        "{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}{sign}{:02}:{:02}",
        a / 60,
        a % 60
    )
}

/// All known zone names.
pub fn zone_names() -> impl Iterator<Item = &'static str> {
    db::all().iter().map(|z| z.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlin_summer_winter() {
        let z = Zone::lookup("Europe/Berlin").unwrap();
        assert_eq!(z.offset_at(1_719_835_200), 120); // 2024-07-01
        assert_eq!(z.offset_at(1_704_110_400), 60); // 2024-01-01
    }

    #[test]
    fn ny() {
        let z = Zone::lookup("America/New_York").unwrap();
        assert_eq!(z.offset_at(1_719_835_200), -240);
        assert_eq!(z.offset_at(1_704_110_400), -300);
    }

    #[test]
    fn fmt() {
        let z = Zone::lookup("UTC").unwrap();
        assert_eq!(format_local(0, &z), "1970-01-01 00:00:00+00:00");
    }
}
