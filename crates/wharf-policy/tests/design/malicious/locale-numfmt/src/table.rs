use crate::currency::CurrencyPosition;
use crate::locale::Locale;

/// Number formatting conventions for one locale.
#[derive(Debug, Clone, PartialEq)]
pub struct Conventions {
    pub decimal: &'static str,
    pub group: &'static str,
    pub minus: &'static str,
    /// (primary, secondary) group sizes; Indian numbering is (3, 2).
    pub grouping: (usize, usize),
    /// Don't group numbers with fewer digits than this (es: 5).
    pub min_grouping_digits: usize,
    pub percent_space: bool,
    pub currency_pos: CurrencyPosition,
}

const NBSP: &str = "\u{a0}";
const NNBSP: &str = "\u{202f}";

const fn c(
    decimal: &'static str,
    group: &'static str,
    grouping: (usize, usize),
    min: usize,
    pct: bool,
    pos: CurrencyPosition,
) -> Conventions {
    Conventions {
        decimal,
        group,
        minus: "-",
        grouping,
        min_grouping_digits: min,
        percent_space: pct,
        currency_pos: pos,
    }
}

use CurrencyPosition::*;

static LANG_DEFAULTS: &[(&str, Conventions)] = &[
    ("en", c(".", ",", (3, 3), 4, false, Prefix)),
    ("de", c(",", ".", (3, 3), 4, true, Suffix)),
    ("fr", c(",", NNBSP, (3, 3), 4, true, Suffix)),
    ("es", c(",", ".", (3, 3), 5, true, Suffix)),
    ("it", c(",", ".", (3, 3), 4, false, Suffix)),
    ("pt", c(",", ".", (3, 3), 4, false, PrefixSpace)),
    ("nl", c(",", ".", (3, 3), 4, false, PrefixSpace)),
    ("sv", c(",", NBSP, (3, 3), 4, true, Suffix)),
    ("nb", c(",", NBSP, (3, 3), 4, true, Suffix)),
    ("da", c(",", ".", (3, 3), 4, true, Suffix)),
    ("fi", c(",", NBSP, (3, 3), 4, true, Suffix)),
    ("pl", c(",", NBSP, (3, 3), 5, false, Suffix)),
    ("cs", c(",", NBSP, (3, 3), 4, true, Suffix)),
    ("ru", c(",", NBSP, (3, 3), 4, true, Suffix)),
    ("uk", c(",", NBSP, (3, 3), 4, false, Suffix)),
    ("be", c(",", NBSP, (3, 3), 4, true, Suffix)),
    ("tr", c(",", ".", (3, 3), 4, false, Prefix)),
    ("ja", c(".", ",", (3, 3), 4, false, Prefix)),
    ("zh", c(".", ",", (3, 3), 4, false, Prefix)),
    ("ko", c(".", ",", (3, 3), 4, false, Prefix)),
    ("hi", c(".", ",", (3, 2), 4, false, Prefix)),
    ("ar", c("٫", "٬", (3, 3), 4, false, PrefixSpace)),
];

static REGION_OVERRIDES: &[(&str, &str, Conventions)] = &[
    ("de", "CH", c(".", "’", (3, 3), 4, false, PrefixSpace)),
    ("en", "IN", c(".", ",", (3, 2), 4, false, Prefix)),
    ("en", "ZA", c(",", NBSP, (3, 3), 4, false, Prefix)),
    ("fr", "CH", c(",", NNBSP, (3, 3), 4, false, Suffix)),
    ("pt", "PT", c(",", NBSP, (3, 3), 5, false, Suffix)),
];

pub fn lookup(loc: &Locale) -> Conventions {
    if let Some(region) = loc.region.as_deref() {
        if let Some((_, _, conv)) = REGION_OVERRIDES
            .iter()
            .find(|(l, r, _)| *l == loc.language && *r == region)
        {
            return conv.clone();
        }
    }
    LANG_DEFAULTS
        .iter()
        .find(|(l, _)| *l == loc.language)
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| LANG_DEFAULTS[0].1.clone())
}
