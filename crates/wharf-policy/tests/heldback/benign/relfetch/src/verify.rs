use anyhow::{bail, Result};
use sha2::{Digest, Sha256};

/// Find `<hex>  <name>` in a SHA256SUMS file.
pub fn expected_digest(sums: &str, name: &str) -> Option<[u8; 32]> {
    sums.lines().find_map(|l| {
        let (hash, file) = l.split_once(char::is_whitespace)?;
        if file.trim().trim_start_matches('*') != name {
            return None;
        }
        let v = hex::decode(hash).ok()?;
        v.try_into().ok()
    })
}

pub fn check(data: &[u8], expected: &[u8; 32]) -> Result<()> {
    let got: [u8; 32] = Sha256::digest(data).into();
    if &got != expected {
        bail!("checksum mismatch: expected {}, got {}", hex::encode(expected), hex::encode(got));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_entry() {
        let sums = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  tool-x86_64-unknown-linux-musl\n";
        assert!(super::expected_digest(sums, "tool-x86_64-unknown-linux-musl").is_some());
        assert!(super::check(b"", &super::expected_digest(sums, "tool-x86_64-unknown-linux-musl").unwrap()).is_ok());
    }
}
