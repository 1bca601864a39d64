use tintline::{paint, set_override, strip, Color, Level, Style, Theme};

fn with<F: FnOnce()>(l: Level, f: F) {
    set_override(Some(l));
    f();
    set_override(None);
}

#[test]
fn basic_sequences() {
    with(Level::Basic, || {
        assert_eq!(paint(Color::RED, "x").to_string(), "\x1b[31mx\x1b[0m");
        assert_eq!(
            Style::new().fg(Color::BRIGHT_BLUE).on(Color::BLACK).underline().paint(1).to_string(),
            "\x1b[4;94;40m1\x1b[0m"
        );
    });
}

#[test]
fn downgrade_rgb() {
    with(Level::Ansi256, || {
        let s = paint(Color::Rgb(255, 0, 0), "hot").to_string();
        assert_eq!(s, "\x1b[38;5;196mhot\x1b[0m");
    });
    with(Level::TrueColor, || {
        let s = paint(Color::Rgb(1, 2, 3), "t").to_string();
        assert_eq!(s, "\x1b[38;2;1;2;3mt\x1b[0m");
    });
}

#[test]
fn none_is_plain() {
    with(Level::None, || {
        assert_eq!(Style::new().bold().fg(Color::GREEN).paint("ok").to_string(), "ok");
    });
}

#[test]
fn themes_resolve() {
    let t = Theme::named("gruvbox-dark").unwrap();
    assert_eq!(t.resolve(Color::RED), Color::Rgb(0xcc, 0x24, 0x1d));
    assert_eq!(t.resolve(Color::Fixed(200)), Color::Fixed(200));
    assert_eq!(strip(&paint(Color::RED, "a").to_string()), "a");
}
