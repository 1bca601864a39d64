use enumstr_derive::EnumStr;

#[derive(EnumStr, Debug, PartialEq, Clone, Copy)]
#[enumstr(rename_all = "kebab-case")]
enum Protocol {
    HttpOne,
    #[enumstr(rename = "h2", alias = "http2")]
    HttpTwo,
    #[enumstr(skip)]
    Unknown,
}

#[derive(EnumStr, Debug, PartialEq)]
#[enumstr(ascii_case_insensitive)]
enum Level {
    Low,
    High,
}

#[test]
fn as_str_and_display() {
    assert_eq!(Protocol::HttpOne.as_str(), "http-one");
    assert_eq!(Protocol::HttpTwo.to_string(), "h2");
    assert_eq!(Protocol::Unknown.as_str(), "Unknown");
}

#[test]
fn parse() {
    assert_eq!("http2".parse::<Protocol>(), Ok(Protocol::HttpTwo));
    assert!("Unknown".parse::<Protocol>().is_err());
    assert_eq!("hIgH".parse::<Level>(), Ok(Level::High));
}

#[test]
fn lists() {
    assert_eq!(Protocol::VARIANTS, &["http-one", "h2"]);
    assert_eq!(Protocol::ALL.len(), 2);
}
