use std::sync::Arc;
use std::time::Duration;

use addrguard::address::{base58check_encode, eip55, segwit_encode};
use addrguard::{
    copy_address, lookalike, parse, AddressBook, BookVerdict, ClipboardBackend, Guard, MemoryClipboard,
    PasteVerdict, WatchEvent, Watcher,
};

/// Builds an EVM address whose body starts and ends like `base`'s.
fn poisoned_like(base: &[u8; 20]) -> [u8; 20] {
    let mut p = *base;
    for b in &mut p[3..17] {
        *b ^= 0x5a;
    }
    p
}

#[test]
fn guard_detects_swap_and_lookalike() {
    let real = [0x3c; 20];
    let mine = parse(&eip55(&real)).unwrap();
    let mut g = Guard::new(Duration::from_secs(60));
    g.arm(mine.clone());
    assert_eq!(g.check_paste(&mine.text.to_ascii_lowercase()), PasteVerdict::Match);
    let evil = eip55(&poisoned_like(&real));
    match g.check_paste(&evil) {
        PasteVerdict::Mismatch { lookalike: Some(l), .. } => {
            assert!(l.shared_prefix >= 6 && l.shared_suffix >= 6, "{l:?}");
        }
        other => panic!("{other:?}"),
    }
    g.disarm();
    assert_eq!(g.check_paste(&evil), PasteVerdict::NotArmed);
}

#[test]
fn address_book() {
    let mut book = AddressBook::new();
    let cold = parse(&segwit_encode("bc", 0, &[0x10; 20])).unwrap();
    book.add("cold storage", cold.clone());
    assert_eq!(book.check(&cold), BookVerdict::Known("cold storage".into()));
    let unrelated = parse(&base58check_encode(0x00, &[0x99; 20])).unwrap();
    assert_eq!(book.check(&unrelated), BookVerdict::Unknown);
}

#[test]
fn lookalike_requires_same_chain() {
    let a = parse(&eip55(&[1; 20])).unwrap();
    let b = parse(&base58check_encode(0x41, &[1; 20])).unwrap();
    assert!(lookalike(&a, &b, 1).is_none());
    assert!(lookalike(&a, &a, 1).is_none());
}

#[test]
fn watcher_reports_replacement() {
    let cb = Arc::new(MemoryClipboard::new());
    let (w, rx) = Watcher::start(cb.clone(), Duration::from_millis(5), Duration::from_secs(5));
    let mine = parse(&eip55(&[0x77; 20])).unwrap();
    copy_address(cb.as_ref(), &mine).unwrap();
    assert_eq!(rx.recv_timeout(Duration::from_secs(2)).unwrap(), WatchEvent::AddressCopied(mine.clone()));
    // Simulate malware swapping the clipboard.
    cb.write(&eip55(&poisoned_like(&[0x77; 20]))).unwrap();
    match rx.recv_timeout(Duration::from_secs(2)).unwrap() {
        WatchEvent::Replaced { before, lookalike, .. } => {
            assert_eq!(before, mine);
            assert!(lookalike.is_some());
        }
        other => panic!("{other:?}"),
    }
    w.stop();
    // The watcher only read; the clipboard still holds what was written last.
    assert!(cb.read().unwrap().starts_with("0x"));
}
