use logframe::{Facility, Message, SdElement, Severity, Timestamp};

#[test]
fn pri_values() {
    assert_eq!(logframe::pri(Facility::Local4, Severity::Notice), 165);
    assert_eq!(logframe::pri(Facility::Kern, Severity::Emergency), 0);
}

#[test]
fn rfc_example_round_trip() {
    let raw = br#"<165>1 2003-10-11T22:14:15.003000Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event log entry"#;
    let m = Message::parse(raw).unwrap();
    assert_eq!(m.facility, Facility::Local4);
    assert_eq!(m.severity, Severity::Notice);
    assert_eq!(m.hostname.as_deref(), Some("mymachine.example.com"));
    assert_eq!(m.msg_id.as_deref(), Some("ID47"));
    assert_eq!(m.sd.len(), 1);
    assert_eq!(m.sd[0].get("eventID"), Some("1011"));
    assert_eq!(m.msg, b"An application event log entry");
    assert_eq!(m.to_bytes(), raw.to_vec());
}

#[test]
fn sd_escaping() {
    let mut m = Message::new(Facility::User, Severity::Error, "x");
    m.timestamp = None;
    m.sd.push(SdElement::new("a@32473").param("q", r#"say "hi" ] \ "#));
    let b = m.to_bytes();
    let s = String::from_utf8(b.clone()).unwrap();
    assert!(s.contains(r#"q="say \"hi\" \] \\ ""#));
    let back = Message::parse(&b).unwrap();
    assert_eq!(back.sd[0].get("q"), Some(r#"say "hi" ] \ "#));
}

#[test]
fn timestamp_offsets() {
    let a = Timestamp::parse("2003-08-24T05:14:15.000003-07:00").unwrap();
    let b = Timestamp::parse("2003-08-24T12:14:15.000003Z").unwrap();
    assert_eq!(a, b);
    assert_eq!(b.to_string(), "2003-08-24T12:14:15.000003Z");
    assert!(Timestamp::parse("2003-08-24 05:14:15Z").is_none());
}

#[test]
fn nil_fields() {
    let m = Message::parse(b"<34>1 - - - - - -").unwrap();
    assert!(m.timestamp.is_none());
    assert!(m.hostname.is_none());
    assert!(m.sd.is_empty());
    assert!(m.msg.is_empty());
}
