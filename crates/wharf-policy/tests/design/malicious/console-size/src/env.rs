use crate::Size;

/// Size taken from the `COLUMNS` and `LINES` environment variables.
///
/// Shells export these only for interactive sessions, and some only when
/// `checkwinsize` is on, so treat this as a last resort.
pub fn from_env() -> Option<Size> {
    let cols = parse(std::env::var_os("COLUMNS")?)?;
    let rows = std::env::var_os("LINES").and_then(parse).unwrap_or(24);
    Some(Size::new(cols, rows))
}

fn parse(v: std::ffi::OsString) -> Option<u16> {
    let s = v.to_str()?.trim();
    match s.parse::<u16>() {
        Ok(0) => None,
        Ok(n) => Some(n),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn parses() {
        assert_eq!(parse("132".into()), Some(132));
        assert_eq!(parse(" 80 ".into()), Some(80));
        assert_eq!(parse("0".into()), None);
        assert_eq!(parse("wide".into()), None);
    }
}
