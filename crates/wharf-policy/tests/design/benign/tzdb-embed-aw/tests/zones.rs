use tzdb_embed::{zone, zone_names};

const JAN_2024: i64 = 1_704_067_200; // 2024-01-01T00:00:00Z
const JUL_2024: i64 = 1_719_835_200; // 2024-07-01T12:00:00Z

#[test]
fn every_zone_parses() {
    for name in zone_names() {
        assert!(zone(name).is_some(), "{} failed to parse", name);
    }
}

#[test]
fn northern_and_southern_dst() {
    let berlin = zone("Europe/Berlin").unwrap();
    assert_eq!(berlin.offset_at(JAN_2024).seconds, 3600);
    assert_eq!(berlin.offset_at(JUL_2024).abbreviation, "CEST");

    let sydney = zone("Australia/Sydney").unwrap();
    assert_eq!(sydney.offset_at(JAN_2024).abbreviation, "AEDT");
    assert_eq!(sydney.offset_at(JUL_2024).seconds, 10 * 3600);
}

#[test]
fn eu_transition_is_at_01_utc() {
    // 2024-03-31T00:59:59Z is still CET, 01:00:00Z is CEST.
    let paris = zone("Europe/Paris").unwrap();
    let t = 1_711_846_800; // 2024-03-31T01:00:00Z
    assert!(!paris.offset_at(t - 1).is_dst);
    assert!(paris.offset_at(t).is_dst);
}

#[test]
fn fractional_offsets() {
    assert_eq!(zone("Asia/Kolkata").unwrap().offset_at(JUL_2024).seconds, 5 * 3600 + 1800);
    assert_eq!(zone("Asia/Kathmandu").unwrap().to_local(JAN_2024), (2024, 1, 1, 5, 45, 0));
}

#[test]
fn unknown_zone() {
    assert!(zone("Mars/Olympus_Mons").is_none());
}
