use addrcheck_ag::{base58, is_valid, Address, Chain, Kind, Network};

/// Build a syntactically valid base58check address from a dummy hash.
fn synth(version: u8, fill: u8) -> String {
    let mut payload = vec![version];
    payload.extend_from_slice(&[fill; 20]);
    base58::encode_check(&payload)
}

#[test]
fn bitcoin_p2pkh() {
    let a = Address::parse(&synth(0x00, 0x11)).unwrap();
    assert_eq!(a.chain(), Chain::Bitcoin);
    assert_eq!(a.kind(), Kind::P2pkh);
    assert_eq!(a.network(), Network::Mainnet);
}

#[test]
fn bitcoin_p2sh() {
    let a = Address::parse(&synth(0x05, 0x22)).unwrap();
    assert_eq!(a.kind(), Kind::P2sh);
}

#[test]
fn bitcoin_segwit() {
    let a = Address::parse("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4").unwrap();
    assert_eq!(a.kind(), Kind::SegwitV0);
}

#[test]
fn ethereum() {
    let a = Address::parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").unwrap();
    assert_eq!(a.chain(), Chain::Ethereum);
}

#[test]
fn typos_rejected() {
    let mut bad = synth(0x00, 0x33);
    let last = bad.pop().unwrap();
    bad.push(if last == '2' { '3' } else { '2' });
    assert!(!is_valid(&bad));
    assert!(!is_valid("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"));
    assert!(!is_valid(""));
    assert!(!is_valid("hello"));
}
