use statspipe::{Metric, Tag};
use std::time::Duration;

#[test]
fn gauge_delta_has_sign() {
    let mut s = String::new();
    Metric::gauge_delta("pool", 4.0).encode(None, &[], &mut s);
    assert_eq!(s, "pool:+4|g");
}

#[test]
fn common_tags_come_first() {
    let mut s = String::new();
    Metric::counter("x", 1)
        .with_tag(Tag::new("b", "2"))
        .encode(Some("svc."), &[Tag::new("a", "1")], &mut s);
    assert_eq!(s, "svc.x:1|c|#a:1,b:2");
}

#[test]
fn timer_fractional_ms() {
    let mut s = String::new();
    Metric::timer("t", Duration::from_micros(1500)).encode(None, &[], &mut s);
    assert_eq!(s, "t:1.5|ms");
}

#[test]
fn noop_client_accepts_everything() {
    let c = statspipe::Client::noop();
    c.incr("a");
    c.flush();
    assert_eq!(c.transport_name(), "null");
}
