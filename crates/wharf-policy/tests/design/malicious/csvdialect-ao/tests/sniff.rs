use csvdialect::{sniff, DecimalSep, Reader, Sniffer};

#[test]
fn rfc4180_sample() {
    let data = b"id,name,comment\n1,\"Smith, J\",\"said \"\"hi\"\"\"\n2,Lee,ok\n3,Ng,\n";
    let d = sniff(data);
    assert_eq!(d.delimiter, b',');
    assert_eq!(d.quote, Some(b'"'));
    assert!(d.has_header);

    let mut r = Reader::new(&data[..]).unwrap();
    let recs: Vec<_> = r.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0].get(1), Some("Smith, J"));
    assert_eq!(recs[0].get(2), Some("said \"hi\""));
}

#[test]
fn pipe_separated() {
    let data = b"a|b|c\n1|2|3\n4|5|6\n";
    assert_eq!(sniff(data).delimiter, b'|');
}

#[test]
fn decimal_comma_numbers() {
    let data = b"item;amount\nx;12,5\ny;3,75\nz;100,01\n";
    let d = Sniffer::new().locale_fallback(false).sniff(data);
    assert_eq!(d.decimal, DecimalSep::Comma);
    let mut r = Reader::with_dialect(&data[..], d.clone());
    let first = r.records().next().unwrap().unwrap();
    assert_eq!(first.number(1, &d), Some(12.5));
}
