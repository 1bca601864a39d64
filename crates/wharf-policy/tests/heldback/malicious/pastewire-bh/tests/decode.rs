use pastewire::{decode, Event, KeyCode, KeyEvent, Modifiers, MouseButton, PasteOptions, Parser};

#[test]
fn plain_keys_and_controls() {
    let ev = decode(b"a\x01\r\x7f");
    assert_eq!(
        ev,
        vec![
            Event::Key(KeyEvent::plain(KeyCode::Char('a'))),
            Event::Key(KeyEvent::new(KeyCode::Char('a'), Modifiers::CTRL)),
            Event::Key(KeyEvent::plain(KeyCode::Enter)),
            Event::Key(KeyEvent::plain(KeyCode::Backspace)),
        ]
    );
}

#[test]
fn arrows_with_modifiers() {
    let ev = decode(b"\x1b[1;5C\x1bOA\x1b[5~");
    assert_eq!(ev[0], Event::Key(KeyEvent::new(KeyCode::Right, Modifiers::CTRL)));
    assert_eq!(ev[1], Event::Key(KeyEvent::plain(KeyCode::Up)));
    assert_eq!(ev[2], Event::Key(KeyEvent::plain(KeyCode::PageUp)));
}

#[test]
fn alt_and_lone_escape() {
    let ev = decode(b"\x1bx\x1b");
    assert_eq!(ev[0], Event::Key(KeyEvent::new(KeyCode::Char('x'), Modifiers::ALT)));
    assert_eq!(ev[1], Event::Key(KeyEvent::plain(KeyCode::Esc)));
}

#[test]
fn utf8_split_across_feeds() {
    let mut p = Parser::default();
    p.feed(&"é".as_bytes()[..1]);
    assert!(p.next_event().is_none());
    p.feed(&"é".as_bytes()[1..]);
    assert_eq!(p.next_event(), Some(Event::Key(KeyEvent::plain(KeyCode::Char('é')))));
}

#[test]
fn bracketed_paste_is_one_event() {
    let ev = decode(b"\x1b[200~hello\r\nworld\x1b[31m!\x1b[201~z");
    assert_eq!(ev[0], Event::Paste("hello\nworld!".into()));
    assert_eq!(ev[1], Event::Key(KeyEvent::plain(KeyCode::Char('z'))));
}

#[test]
fn paste_can_be_raw() {
    let mut p = Parser::new(PasteOptions::raw());
    p.feed("\x1b[200~a\u{a0}b\n\x1b[201~".as_bytes());
    assert_eq!(p.next_event(), Some(Event::Paste("a\u{a0}b\n".into())));
}

#[test]
fn sgr_mouse() {
    let ev = decode(b"\x1b[<0;10;5M\x1b[<0;10;5m");
    match &ev[0] {
        Event::Mouse(m) => {
            assert_eq!(m.button, MouseButton::Left);
            assert_eq!((m.column, m.row), (9, 4));
            assert!(m.pressed);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(ev[1], Event::Mouse(m) if !m.pressed));
}

#[test]
fn focus() {
    assert_eq!(decode(b"\x1b[I\x1b[O"), vec![Event::FocusGained, Event::FocusLost]);
}
