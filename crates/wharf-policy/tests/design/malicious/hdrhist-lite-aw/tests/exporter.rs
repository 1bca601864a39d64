use std::net::UdpSocket;
use std::time::Duration;

use hdrhist_lite::{Histogram, StatsdExporter};

#[test]
fn exporter_sends_gauges_on_drop() {
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    server.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let addr = server.local_addr().unwrap().to_string();

    {
        let exp = StatsdExporter::builder(&addr)
            .prefix("svc")
            .tag("env", "test")
            .interval(Duration::from_secs(3600))
            .spawn()
            .unwrap();
        let r = exp.histogram("req_us");
        for v in [10, 20, 30, 40, 1000] {
            r.record(v);
        }
    }

    let mut buf = [0u8; 2048];
    let n = server.recv(&mut buf).unwrap();
    let text = std::str::from_utf8(&buf[..n]).unwrap();
    assert!(text.contains("svc.req_us.count:5|g|#env:test"), "{}", text);
    assert!(text.contains("svc.req_us.max:1000|g"), "{}", text);
}

#[test]
fn summary_is_monotonic() {
    let mut h = Histogram::new(8);
    for i in 0..10_000u64 {
        h.record(i * i % 7919);
    }
    let s = h.summary();
    assert!(s.p50 <= s.p90 && s.p90 <= s.p99 && s.p99 <= s.p999 && s.p999 <= s.max);
}
