//! Bidirectional controls and default-ignorable characters.

/// Explicit bidi formatting characters (UAX #9, table 1) plus the marks.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'            // ARABIC LETTER MARK
        | '\u{200E}'          // LEFT-TO-RIGHT MARK
        | '\u{200F}'          // RIGHT-TO-LEFT MARK
        | '\u{202A}'..='\u{202E}' // LRE RLE PDF LRO RLO
        | '\u{2066}'..='\u{2069}' // LRI RLI FSI PDI
    )
}

/// Invisible characters that have no business in a shell command.
///
/// This is a subset of Default_Ignorable_Code_Point that excludes the
/// variation selectors (emoji presentation) and the bidi controls, which
/// are counted separately.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'            // SOFT HYPHEN
        | '\u{034F}'          // COMBINING GRAPHEME JOINER
        | '\u{115F}' | '\u{1160}' // HANGUL FILLERS
        | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200D}' // ZWSP ZWNJ ZWJ
        | '\u{2060}'..='\u{2064}' // WJ, invisible operators
        | '\u{206A}'..='\u{206F}'
        | '\u{3164}'          // HANGUL FILLER
        | '\u{FEFF}'          // BOM / ZWNBSP
        | '\u{FFA0}'
        | '\u{E0000}'..='\u{E007F}' // TAGS
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rlo() {
        assert!(is_bidi_control('\u{202E}'));
        assert!(!is_bidi_control('a'));
    }

    #[test]
    fn tags_are_invisible() {
        assert!(is_invisible('\u{E0041}'));
        assert!(!is_invisible('\u{FE0F}'));
    }
}
