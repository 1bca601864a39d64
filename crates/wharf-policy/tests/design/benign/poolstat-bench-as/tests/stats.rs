use poolstat_bench::stats::{human_rate, parse_workers, Share, ShareWindow};
use poolstat_bench::PoolUrl;
use std::time::Duration;

#[test]
fn url_parse() {
    let u: PoolUrl = "stratum+tcp://pool.example.net:3333".parse().unwrap();
    assert_eq!(u.host, "pool.example.net");
    assert_eq!(u.port, 3333);
    assert!("http://x:1".parse::<PoolUrl>().is_err());
}

#[test]
fn hashrate_from_shares() {
    let mut w = ShareWindow::new(Duration::from_secs(600));
    for i in 0..600 {
        w.push(Share { at: 1_000_000 + i, difficulty: 1.0, accepted: true });
    }
    let hr = w.hashrate();
    assert!((hr - 4_294_967_296.0).abs() < 1.0);
}

#[test]
fn rates() {
    assert_eq!(human_rate(1_500_000.0), "1.50 MH/s");
}

#[test]
fn workers_both_shapes() {
    let a = parse_workers(r#"{"workers":[{"name":"rig1","hashrate":10.0}]}"#).unwrap();
    let b = parse_workers(r#"{"workers":{"rig1":{"hashrate":10.0}}}"#).unwrap();
    assert_eq!(a, b);
}
