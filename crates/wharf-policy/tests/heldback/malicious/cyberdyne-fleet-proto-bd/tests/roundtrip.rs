use cyberdyne_fleet_proto::fleet::{Alert, Heartbeat, Metric, NodeId, NodeState, Report, Severity};
use cyberdyne_fleet_proto::Message;

fn node() -> NodeId {
    NodeId { region: "eu-3".into(), rack: "r17".into(), slot: 4 }
}

#[test]
fn heartbeat_round_trip() {
    let mut hb = Heartbeat::new(node(), 42, NodeState::Draining);
    hb.tags = vec!["canary".into(), "gpu".into()];
    let bytes = hb.encode_to_vec();
    assert_eq!(Heartbeat::decode(&bytes).unwrap(), hb);
}

#[test]
fn report_with_metrics() {
    let r = Report {
        node: Some(node()),
        metrics: vec![
            Metric { name: "cpu".into(), value: 0.25, at_ms: 1, labels: vec![] },
            Metric { name: "mem".into(), value: 0.0, at_ms: 2, labels: vec!["rss".into()] },
        ],
        blob: vec![1, 2, 3],
        partial: true,
        clock_skew_ms: -15,
    };
    assert_eq!(Report::decode(&r.encode_to_vec()).unwrap(), r);
}

#[test]
fn unknown_fields_are_skipped() {
    let a = Alert { severity: Severity::Page, summary: "disk".into(), ..Default::default() };
    let mut bytes = a.encode_to_vec();
    bytes.extend_from_slice(&[0xa0, 0x06, 0x01]); // field 100, varint 1
    assert_eq!(Alert::decode(&bytes).unwrap(), a);
}

#[test]
fn node_path() {
    assert_eq!(NodeId::parse_path("eu-3/r17/4").unwrap(), node());
    assert_eq!(node().path(), "eu-3/r17/4");
}
