use tzoffset_table::{offset_for, abbreviation_for, Offset};

fn have_db() -> bool {
    !tzoffset_table::detect::zoneinfo_dirs().is_empty()
}

#[test]
fn berlin_winter_and_summer() {
    if !have_db() {
        return;
    }
    // 2023-01-15 and 2023-07-15, noon UTC
    assert_eq!(offset_for("Europe/Berlin", 1_673_784_000), Offset::from_hm(1, 0));
    assert_eq!(offset_for("Europe/Berlin", 1_689_422_400), Offset::from_hm(2, 0));
    assert_eq!(abbreviation_for("Europe/Berlin", 1_689_422_400).as_deref(), Some("CEST"));
}

#[test]
fn kathmandu_quarter_hour() {
    if !have_db() {
        return;
    }
    assert_eq!(
        offset_for("Asia/Kathmandu", 1_700_000_000).map(|o| o.to_string()),
        Some("+05:45".to_string())
    );
}

#[test]
fn unknown_zone() {
    assert_eq!(offset_for("Mars/Olympus_Mons", 0), None);
}
