use csscolor::{parse, ParseError, Rgba};

#[test]
fn hex_forms() {
    assert_eq!(parse("#f80").unwrap(), Rgba::rgb(0xff, 0x88, 0x00));
    assert_eq!(parse("#FF8800").unwrap(), Rgba::rgb(0xff, 0x88, 0x00));
    assert_eq!(parse("#ff880080").unwrap().to_hex(), "#ff880080");
    assert_eq!(parse("#ff88"), Ok(Rgba::new(0xff, 0xff, 0x88, 136.0 / 255.0)));
    assert_eq!(parse("#ff8g00"), Err(ParseError::BadHex));
}

#[test]
fn functional_forms() {
    assert_eq!(parse("rgb(255, 0, 0)").unwrap(), Rgba::rgb(255, 0, 0));
    assert_eq!(parse("rgba(255,0,0,0.5)").unwrap().a, 0.5);
    assert_eq!(parse("rgb(100% 50% 0% / 25%)").unwrap(), Rgba::new(255, 128, 0, 0.25));
    assert_eq!(parse("hsl(120deg 100% 25%)").unwrap(), Rgba::rgb(0, 128, 0));
    assert_eq!(parse("hsl(0.5turn, 100%, 50%)").unwrap(), Rgba::rgb(0, 255, 255));
    assert_eq!(parse("hwb(0 0% 0%)").unwrap(), Rgba::rgb(255, 0, 0));
    assert!(matches!(parse("rgb(1, 2 / 3)"), Err(ParseError::MixedSyntax)));
    assert!(matches!(parse("lab(50% 0 0)"), Err(ParseError::UnknownFunction(_))));
}

#[test]
fn names() {
    assert_eq!(parse("CornflowerBlue").unwrap().to_hex(), "#6495ed");
    assert_eq!(parse("transparent").unwrap(), Rgba::TRANSPARENT);
    assert_eq!(Rgba::from_u32(0x663399).name(), Some("rebeccapurple"));
    assert_eq!(csscolor::names().count(), 148);
}

#[test]
fn formatting() {
    let c = Rgba::new(255, 128, 0, 0.5);
    assert_eq!(c.to_css_rgb(), "rgb(255 128 0 / 0.5)");
    assert_eq!(Rgba::rgb(0, 0, 0).to_string(), "#000000");
}
