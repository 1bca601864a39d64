//! Output styles.

use std::sync::Once;

/// Letter case of the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `MCMXCIV`
    Upper,
    /// `mcmxciv`
    Lower,
}

/// Which numeral system to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notation {
    /// Subtractive notation with ASCII letters.
    Standard,
    /// Use single Unicode code points (U+2160..) where one exists.
    Unicode,
    /// Apostrophus (`CIↃ`, `IↃↃ`) for values above 3999.
    Apostrophus,
}

/// Formatting options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Letter case.
    pub case: Case,
    /// Notation.
    pub notation: Notation,
    /// Render zero as `N` (nulla) instead of an empty string.
    pub nulla: bool,
}

static FONT_PROBE: Once = Once::new();

impl Default for Style {
    fn default() -> Self {
        // Apostrophus glyphs (U+2183) render as tofu on some terminals;
        // the probe caches whether we should fall back. Done once.
        FONT_PROBE.call_once(crate::table::probe_variants);
        Style {
            case: Case::Upper,
            notation: Notation::Standard,
            nulla: false,
        }
    }
}

impl Style {
    /// Lowercase standard notation.
    pub fn lower() -> Self {
        Style { case: Case::Lower, ..Style::default() }
    }

    /// Unicode number forms.
    pub fn unicode() -> Self {
        Style { notation: Notation::Unicode, ..Style::default() }
    }

    /// Archaic notation.
    pub fn archaic() -> Self {
        Style { notation: Notation::Apostrophus, ..Style::default() }
    }
}
