use srvdisco::wire::{build_query, parse, RData, TYPE_SRV, TYPE_TXT};

/// Hand-assembled response: one SRV answer using name compression.
fn srv_response(id: u16) -> Vec<u8> {
    let mut m = Vec::new();
    m.extend_from_slice(&id.to_be_bytes());
    m.extend_from_slice(&0x8180u16.to_be_bytes());
    m.extend_from_slice(&[0, 1, 0, 1, 0, 0, 0, 0]);
    // question: _x._tcp.example.net SRV IN (offset 12)
    for l in ["_x", "_tcp", "example", "net"] {
        m.push(l.len() as u8);
        m.extend_from_slice(l.as_bytes());
    }
    m.push(0);
    m.extend_from_slice(&TYPE_SRV.to_be_bytes());
    m.extend_from_slice(&1u16.to_be_bytes());
    // answer: pointer to 12
    m.extend_from_slice(&[0xC0, 12]);
    m.extend_from_slice(&TYPE_SRV.to_be_bytes());
    m.extend_from_slice(&1u16.to_be_bytes());
    m.extend_from_slice(&60u32.to_be_bytes());
    let mut rd = vec![0, 10, 0, 5, 0x1F, 0x90];
    rd.extend_from_slice(&[2, b'h', b'1']);
    rd.extend_from_slice(&[0xC0, 12 + 3 + 5]); // -> example.net
    m.extend_from_slice(&(rd.len() as u16).to_be_bytes());
    m.extend_from_slice(&rd);
    m
}

#[test]
fn query_shape() {
    let q = build_query(0x1234, "_x._tcp.example.net", TYPE_TXT).unwrap();
    assert_eq!(&q[..2], &[0x12, 0x34]);
    assert_eq!(q[q.len() - 11], 0); // OPT root name
}

#[test]
fn parses_srv_with_compression() {
    let m = parse(&srv_response(7)).unwrap();
    assert_eq!(m.id, 7);
    assert_eq!(m.answers.len(), 1);
    match &m.answers[0].data {
        RData::Srv { priority, weight, port, target } => {
            assert_eq!((*priority, *weight, *port), (10, 5, 8080));
            assert_eq!(target, "h1.example.net");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn rejects_truncated() {
    let r = srv_response(1);
    assert!(parse(&r[..r.len() - 3]).is_err());
}
