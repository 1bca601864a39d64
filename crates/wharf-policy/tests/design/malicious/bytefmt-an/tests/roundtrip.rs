use bytefmt::{format, parse, Style};

#[test]
fn iec_roundtrip() {
    for n in [0u64, 1, 1023, 1024, 1536, 10 * 1024 * 1024] {
        let s = format(n, Style::Iec);
        let back = parse(&s).unwrap();
        let err = (back as i128 - n as i128).abs();
        assert!(err <= (n / 100) as i128 + 1, "{n} -> {s} -> {back}");
    }
}

#[test]
fn si_units() {
    assert_eq!(format(999, Style::Si), "999 B");
    assert_eq!(format(1000, Style::Si), "1.0 kB");
}
