/// (group separator, decimal separator)
pub fn separators(lang: &str, territory: Option<&str>) -> (char, char) {
    match (lang, territory) {
        ("en", _) | ("ja", _) | ("zh", _) | ("ko", _) => (',', '.'),
        ("de", Some("CH")) => ('\'', '.'),
        ("de", _) | ("nl", _) | ("it", _) | ("es", _) | ("pt", Some("BR")) | ("tr", _) | ("id", _) => ('.', ','),
        ("fr", _) | ("ru", _) | ("uk", _) | ("be", _) | ("pl", _) | ("cs", _) | ("sv", _) | ("fi", _) | ("nb", _) => ('\u{a0}', ','),
        ("hi", _) => (',', '.'),
        _ => (',', '.'),
    }
}
