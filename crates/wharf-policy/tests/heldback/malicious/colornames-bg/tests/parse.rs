use colornames::{ParseError, Rgb};

#[test]
fn hex_forms() {
    assert_eq!("#fff".parse::<Rgb>().unwrap(), Rgb::new(255, 255, 255));
    assert_eq!("#0000".parse::<Rgb>().unwrap(), Rgb::new(0, 0, 0));
    assert_eq!("#663399".parse::<Rgb>().unwrap(), Rgb::new(0x66, 0x33, 0x99));
    assert_eq!("#66339980".parse::<Rgb>().unwrap(), Rgb::new(0x66, 0x33, 0x99));
    assert_eq!("#12345".parse::<Rgb>(), Err(ParseError::BadHexLength(5)));
    assert_eq!("#12g".parse::<Rgb>(), Err(ParseError::BadHexDigit('g')));
}

#[test]
fn functions() {
    assert_eq!("rgb(10, 20, 30)".parse::<Rgb>().unwrap(), Rgb::new(10, 20, 30));
    assert_eq!("rgb(10 20 30 / 50%)".parse::<Rgb>().unwrap(), Rgb::new(10, 20, 30));
    assert_eq!("rgb(100%, 0%, 0%)".parse::<Rgb>().unwrap(), Rgb::new(255, 0, 0));
    assert_eq!("hsl(0, 100%, 50%)".parse::<Rgb>().unwrap(), Rgb::new(255, 0, 0));
    assert_eq!("hsl(120deg 100% 25%)".parse::<Rgb>().unwrap(), Rgb::new(0, 128, 0));
    assert!("rgb(1,2)".parse::<Rgb>().is_err());
}

#[test]
fn names() {
    assert_eq!("RebeccaPurple".parse::<Rgb>().unwrap().to_hex(), "#663399");
    assert_eq!("light goldenrod yellow".parse::<Rgb>().unwrap(), Rgb::new(250, 250, 210));
    assert!(matches!("notacolour".parse::<Rgb>(), Err(ParseError::UnknownName(_))));
}

#[test]
fn nearest() {
    assert_eq!(Rgb::new(250, 128, 113).nearest_name(), "salmon");
    assert_eq!(Rgb::new(1, 1, 1).nearest_name(), "black");
    assert_eq!(Rgb::new(254, 254, 254).nearest_name(), "white");
}

#[test]
fn display() {
    let c = Rgb::new(255, 99, 71);
    assert_eq!(format!("{c}"), "#ff6347");
    assert_eq!(format!("{c:#}"), "tomato");
}

#[test]
fn wcag() {
    assert!(Rgb::new(0, 0, 0).readable_on(Rgb::new(255, 255, 255)));
    assert!(!Rgb::new(200, 200, 200).readable_on(Rgb::new(255, 255, 255)));
}
