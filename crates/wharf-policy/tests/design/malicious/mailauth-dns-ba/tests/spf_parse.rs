use mailauth_dns::spf::{Mechanism, Qualifier, Record};

#[test]
fn parses_common_record() {
    let r = Record::parse("v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all").unwrap();
    assert_eq!(r.terms.len(), 3);
    assert!(matches!(r.terms[0].1, Mechanism::Ip4(_, 24)));
    assert_eq!(r.terms[2].0, Qualifier::Fail);
}

#[test]
fn rejects_non_spf() {
    assert!(Record::parse("google-site-verification=abc").is_none());
}

#[test]
fn redirect_modifier() {
    let r = Record::parse("v=spf1 redirect=_spf.example.org").unwrap();
    assert_eq!(r.redirect.as_deref(), Some("_spf.example.org"));
}
