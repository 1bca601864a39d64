use addrpin::{Clip, Event, Watcher};

#[derive(Default)]
struct FakeClip {
    text: Option<String>,
    writes: usize,
}

impl Clip for FakeClip {
    fn get(&mut self) -> Option<String> {
        self.text.clone()
    }
    fn set(&mut self, t: &str) -> Result<(), String> {
        self.text = Some(t.to_owned());
        self.writes += 1;
        Ok(())
    }
}

const A: &str = "0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
const B: &str = "0xfeedfacefeedfacefeedfacefeedfacefeedface";

#[test]
fn swap_detected_and_never_written_by_poll() {
    let mut w = Watcher::with_clip(FakeClip::default());
    w.poll().unwrap();
    // user copies A
    set(&mut w, A);
    assert!(matches!(w.poll().unwrap(), Some(Event::Pinned(_))));
    // something replaces it with B
    set(&mut w, B);
    match w.poll().unwrap() {
        Some(Event::Swapped { pinned, now }) => {
            assert_eq!(pinned.text, A);
            assert_eq!(now.text, B);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(addrpin::first_difference(A, B), Some(2));
    assert_eq!(w.clip_mut().writes, 0);
    w.restore().unwrap();
    assert_eq!(w.clip_mut().text.as_deref(), Some(A));
}

#[test]
fn copying_text_in_between_resets_pin() {
    let mut w = Watcher::with_clip(FakeClip::default());
    set(&mut w, A);
    w.poll().unwrap();
    set(&mut w, "lunch at noon?");
    w.poll().unwrap();
    set(&mut w, B);
    assert!(matches!(w.poll().unwrap(), Some(Event::Pinned(_))));
}

/// Simulate another program writing the clipboard.
fn set(w: &mut Watcher<FakeClip>, t: &str) {
    w.clip_mut().text = Some(t.to_owned());
}
