use std::sync::mpsc;
use std::time::Duration;

use pasteboard_kit::{Backend, Clipboard, Filter, Memory, TrimTrailing};

#[test]
fn set_get_history() {
    let cb = Clipboard::builder().backend(Memory::new()).watch(false).build().unwrap();
    cb.set_text("one").unwrap();
    cb.set_text("two").unwrap();
    cb.set_text("one").unwrap();
    assert_eq!(cb.get_text().unwrap(), "one");
    assert_eq!(cb.history(), vec!["one".to_string(), "two".to_string()]);
    cb.clear_history();
    assert!(cb.history().is_empty());
}

#[test]
fn change_notification() {
    let cb = Clipboard::builder()
        .backend(Memory::new())
        .interval(Duration::from_millis(50))
        .build()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let _sub = cb.on_change(move |t| {
        let _ = tx.send(t.to_string());
    });
    cb.set_text("ignored-own-write").unwrap();
    // Nothing external changed the clipboard, so no notification.
    assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
}

#[test]
fn filters_are_public() {
    assert_eq!(TrimTrailing.apply("x \n").as_deref(), Some("x"));
    assert_eq!(Memory::new().name(), "memory");
}
