use stratum_stats::{Message, ShareTracker};
use std::time::{Duration, Instant};

#[test]
fn full_flow() {
    let lines = [
        r#"{"id":null,"method":"mining.set_difficulty","params":[1024]}"#,
        r#"{"id":null,"method":"mining.notify","params":["j1","00","c1","c2",[],"20000000","1703a30c","65a1b2c3",true]}"#,
        r#"12:00:01 > {"id":7,"method":"mining.submit","params":["rig1.gpu0","j1","00000001","65a1b2c3","1a2b3c4d"]}"#,
        r#"12:00:01 < {"id":7,"result":true,"error":null}"#,
    ];
    let mut t = ShareTracker::new(Duration::from_secs(60));
    let now = Instant::now();
    for l in lines {
        t.observe_at(&Message::parse(l).unwrap(), now);
    }
    assert_eq!(t.accepted(), 1);
    assert!((t.hashrate() - 1024.0 * 4294967296.0 / 60.0).abs() < 1.0);
}
