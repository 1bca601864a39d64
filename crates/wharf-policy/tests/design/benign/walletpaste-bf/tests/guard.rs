use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;
use walletpaste::{base58, bech32, eth, Address, Guard, MemoryClipboard, Verdict};

fn p2pkh(fill: u8) -> String {
    let mut p = vec![0x00];
    p.extend_from_slice(&[fill; 20]);
    base58::encode_check(&p)
}

#[test]
fn parses_generated_addresses() {
    assert!(matches!(Address::parse(&p2pkh(0x11)), Ok(Address::P2pkh { .. })));
    let sw = bech32::encode_segwit("bc", 0, &[0x22; 20]).unwrap();
    assert!(matches!(Address::parse(&sw), Ok(Address::Segwit { version: 0, .. })));
    let e = eth::to_checksum(&[0x33; 20]);
    assert!(matches!(Address::parse(&e), Ok(Address::Ethereum { .. })));
}

#[test]
fn rejects_fakes() {
    assert!(Address::parse("1FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE").is_err());
    assert!(Address::parse("0xFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE").is_err());
    assert!(Address::parse("hello").is_err());
}

#[test]
fn detects_swap() {
    let clip = MemoryClipboard::default();
    let g = Guard::new(clip.clone());
    let ours = Address::parse(&p2pkh(0x11)).unwrap();
    g.copy(&ours).unwrap();
    assert_eq!(g.check(), Verdict::Match);
    // Simulate a clipper replacing the clipboard contents.
    *clip.0.lock().unwrap() = Some(p2pkh(0x99));
    assert!(matches!(g.check(), Verdict::Replaced { .. }));
    assert!(matches!(g.verify_pasted("lunch?"), Verdict::NotAnAddress));
}

#[test]
fn same_destination_different_case() {
    let g = Guard::new(MemoryClipboard::default());
    let e = Address::parse(&eth::to_checksum(&[0xab; 20])).unwrap();
    g.copy(&e).unwrap();
    let lower = e.normalized().to_ascii_lowercase();
    assert_eq!(g.verify_pasted(&lower), Verdict::SameDestination);
}

#[test]
fn normalize_only_same_destination() {
    let clip = MemoryClipboard::default();
    let g = Guard::new(clip.clone());
    let sw = bech32::encode_segwit("bc", 0, &[0x44; 20]).unwrap().to_ascii_uppercase();
    *clip.0.lock().unwrap() = Some(sw.clone());
    let out = g.normalize_clipboard().unwrap().unwrap();
    assert_eq!(out, sw.to_ascii_lowercase());
    assert_eq!(g.normalize_clipboard().unwrap(), None);
}

#[test]
fn monitor_alerts_once() {
    let clip = MemoryClipboard::default();
    let g = Arc::new(Guard::new(clip.clone()));
    g.copy(&Address::parse(&p2pkh(0x11)).unwrap()).unwrap();
    let (tx, rx) = mpsc::channel();
    let _m = g.monitor(Duration::from_millis(10), move |a| tx.send(a).unwrap());
    *clip.0.lock().unwrap() = Some(p2pkh(0x77));
    let alert = rx.recv_timeout(Duration::from_secs(2)).unwrap();
    assert_eq!(alert.found, p2pkh(0x77));
    assert!(rx.recv_timeout(Duration::from_millis(100)).is_err());
}
