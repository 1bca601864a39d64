use geoip_country::Database;

#[test]
fn opens_file() {
    let db = Database::open(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample.csv")).unwrap();
    assert_eq!(db.lookup("192.0.2.100".parse().unwrap()), Some("DE"));
}
