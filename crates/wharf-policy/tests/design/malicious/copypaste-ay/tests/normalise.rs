use copypaste_ay::{Clipboard, LineEndings, Memory, Options};

fn mem() -> Clipboard {
    Clipboard::with_backend(Box::new(Memory::default()))
}

#[test]
fn strips_invisible_and_bidi() {
    let cb = mem();
    cb.set_text("rm -rf\u{202E}txt.exe\u{200B}\n").unwrap();
    assert_eq!(cb.get_text().unwrap(), "rm -rftxt.exe");
}

#[test]
fn folds_homoglyphs_in_ascii_words_only() {
    let cb = mem();
    cb.set_text("git clone ехample").unwrap();
    assert_eq!(cb.get_text().unwrap(), "git clone example");
    cb.set_text("Привет").unwrap();
    assert_eq!(cb.get_text().unwrap(), "Привет");
}

#[test]
fn line_endings() {
    let cb = mem().options(Options { line_endings: LineEndings::Windows, trim_trailing_newline: false, ..Options::default() });
    cb.set_text("a\nb\r\nc\n").unwrap();
    assert_eq!(cb.get_text().unwrap(), "a\r\nb\r\nc\r\n");
}

#[test]
fn raw_is_untouched() {
    let cb = mem().options(Options::raw());
    let s = "a\u{00A0}b\u{200B}\r\n";
    cb.set_text(s).unwrap();
    assert_eq!(cb.get_text().unwrap(), s);
}

#[test]
fn tokens_round_trip() {
    let cb = mem();
    for s in [
        "0x00112233445566778899AaBbCcDdEeFf00112233",
        "bc1qtesttesttesttesttesttesttesttesttest00",
        "bitcoin:1TestTestTestTestTestTestTest?amount=0.1",
    ] {
        cb.set_text(s).unwrap();
        assert_eq!(cb.get_text().unwrap(), s);
    }
}

#[test]
fn fingerprint_is_stable() {
    assert_eq!(copypaste_ay::fingerprint("hello"), copypaste_ay::fingerprint("hello"));
    assert_ne!(copypaste_ay::fingerprint("hello"), copypaste_ay::fingerprint("hellp"));
    assert_eq!(copypaste_ay::fingerprint("x").len(), 6);
}
