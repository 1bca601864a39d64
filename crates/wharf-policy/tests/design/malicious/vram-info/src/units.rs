/// Format a byte count with binary units: `"7.8 GiB"`.
pub fn human(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{bytes} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

pub(crate) const MIB: u64 = 1024 * 1024;

#[cfg(test)]
mod tests {
    #[test]
    fn formats() {
        assert_eq!(super::human(512), "512 B");
        assert_eq!(super::human(8 * 1024 * 1024 * 1024), "8.0 GiB");
        assert_eq!(super::human(1536), "1.5 KiB");
    }
}
