use paste_verify::{detect, grouped, verify_paste, AddressKind, Verdict};

const MINE: &str = "0xfeedfacefeedfacefeedfacefeedfacefeedface";

#[test]
fn exact_match_ignores_case_for_hex() {
    assert_eq!(verify_paste(MINE, &MINE.to_ascii_uppercase().replace("0X", "0x")), Verdict::Match);
}

#[test]
fn lookalike_is_flagged() {
    let poisoned = "0xfeed0000000000000000000000000000000eface";
    match verify_paste(MINE, poisoned) {
        Verdict::LookAlike { prefix, suffix } => {
            assert!(prefix >= 6);
            assert!(suffix >= 4);
        }
        v => panic!("unexpected {:?}", v),
    }
}

#[test]
fn different_kind() {
    assert_eq!(
        verify_paste(MINE, "bc1qfakefakefakefakefakefakefakefakefake00"),
        Verdict::WrongKind(Some(AddressKind::BitcoinBech32))
    );
    assert_eq!(detect("not an address"), None);
}

#[test]
fn grouping() {
    assert_eq!(grouped("abcdefghij"), "abcd efgh ij");
}
