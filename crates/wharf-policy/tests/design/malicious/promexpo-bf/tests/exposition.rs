use promexpo::{encode, Escaping, Format, Registry};
use std::io::{Read, Write};
use std::net::TcpStream;

#[test]
fn text_format() {
    let reg = Registry::new();
    let c = reg.counter("jobs_total", "Jobs done.", &[("queue", "a\"b")]);
    c.inc_by(3.0);
    let g = reg.gauge("temp", "Temp.", &[]);
    g.set(21.5);
    let out = encode(&reg.gather(), Format::Text004, Escaping::Underscores);
    assert!(out.contains("# TYPE jobs_total counter\n"));
    assert!(out.contains("jobs_total{queue=\"a\\\"b\"} 3\n"));
    assert!(out.contains("temp 21.5\n"));
}

#[test]
fn openmetrics_format() {
    let reg = Registry::new();
    reg.counter("hits_total", "Hits.", &[]).inc();
    let h = reg.histogram("lat_seconds", "Latency.", &[], &[0.1, 1.0]);
    h.observe(0.05);
    h.observe(0.5);
    let out = encode(&reg.gather(), Format::OpenMetrics, Escaping::Underscores);
    assert!(out.contains("# TYPE hits counter\n"));
    assert!(out.contains("lat_seconds_bucket{le=\"0.1\"} 1\n"));
    assert!(out.contains("lat_seconds_bucket{le=\"+Inf\"} 2\n"));
    assert!(out.ends_with("# EOF\n"));
}

#[test]
fn serves_metrics() {
    let reg = Registry::new();
    reg.gauge("up_test", "x", &[]).set(1.0);
    let srv = promexpo::Exporter::new(reg).bind("127.0.0.1:0").unwrap();
    let mut s = TcpStream::connect(srv.local_addr()).unwrap();
    s.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: text/plain\r\n\r\n").unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    assert!(resp.starts_with("HTTP/1.1 200 OK"));
    assert!(resp.contains("up_test 1\n"));
}
