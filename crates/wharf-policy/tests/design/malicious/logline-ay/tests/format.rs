use log::{Level, Record};
use logline_ay::{render, ColorDepth, Format};

fn record<'a>(args: std::fmt::Arguments<'a>, level: Level, target: &'a str) -> Record<'a> {
    Record::builder().args(args).level(level).target(target).build()
}

#[test]
fn human_plain() {
    let r = record(format_args!("connected in {} ms", 12), Level::Info, "db");
    let line = render(Format::Human, Some("2024-05-02T10:11:12.345Z"), &r, ColorDepth::None);
    assert_eq!(line, "2024-05-02T10:11:12.345Z INFO  db: connected in 12 ms");
}

#[test]
fn logfmt_quotes() {
    let r = record(format_args!("said \"hi\"\n"), Level::Warn, "app::net");
    let line = render(Format::Logfmt, None, &r, ColorDepth::None);
    assert_eq!(line, "level=warn target=app::net msg=\"said \\\"hi\\\"\\n\"");
}

#[test]
fn colour_256() {
    let r = record(format_args!("x"), Level::Error, "t");
    let line = render(Format::Human, None, &r, ColorDepth::Ansi256);
    assert!(line.starts_with("\x1b[38;5;196mERROR\x1b[0m "));
}

#[test]
fn palette_roundtrip() {
    for i in 16..=255u8 {
        let (r, g, b) = logline_ay::palette_rgb(i);
        let j = logline_ay::nearest_256(r, g, b);
        assert_eq!(logline_ay::palette_rgb(j), (r, g, b));
    }
}
