use clipsync_term::osc52::{base64, sequence, Multiplexer};

#[test]
fn b64() {
    assert_eq!(base64(b"hello"), "aGVsbG8=");
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"ab"), "YWI=");
}

#[test]
fn plain_sequence() {
    assert_eq!(sequence("hi", Multiplexer::None).unwrap(), "\x1b]52;c;aGk=\x07");
}

#[test]
fn tmux_wraps() {
    let s = sequence("hi", Multiplexer::Tmux).unwrap();
    assert!(s.starts_with("\x1bPtmux;\x1b\x1b]52"));
}
