use std::fs::File;
use std::io::Read;
use std::path::Path;

use flate2::read::ZlibDecoder;

/// Parents of a loose commit object, or `None` if the object is packed.
pub fn read_commit_parents(git_dir: &Path, hash: &str) -> Option<Vec<String>> {
    if hash.len() < 3 {
        return None;
    }
    let path = git_dir.join("objects").join(&hash[..2]).join(&hash[2..]);
    let file = File::open(path).ok()?;
    let mut raw = Vec::new();
    ZlibDecoder::new(file).read_to_end(&mut raw).ok()?;
    let nul = raw.iter().position(|b| *b == 0)?;
    if !raw.starts_with(b"commit ") {
        return None;
    }
    let body = String::from_utf8_lossy(&raw[nul + 1..]);
    Some(
        body.lines()
            .take_while(|l| !l.is_empty())
            .filter_map(|l| l.strip_prefix("parent "))
            .map(|s| s.to_string())
            .collect(),
    )
}
