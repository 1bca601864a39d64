//! Parsing of `pkg-config --libs --cflags` output.

use std::path::PathBuf;

use crate::{Error, Library};

/// Split a command line the way pkg-config quotes it: backslash escapes and
/// whitespace separation, no shell expansion.
pub fn split_flags(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c.is_whitespace() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub fn libs_cflags(lib: &mut Library, output: &str, statik: bool) -> Result<(), Error> {
    lib.statik = statik;
    let words = split_flags(output);
    let mut iter = words.iter().peekable();
    while let Some(w) = iter.next() {
        if let Some(rest) = w.strip_prefix("-L") {
            lib.link_paths.push(PathBuf::from(rest));
        } else if let Some(rest) = w.strip_prefix("-F") {
            lib.framework_paths.push(PathBuf::from(rest));
        } else if let Some(rest) = w.strip_prefix("-I") {
            lib.include_paths.push(PathBuf::from(rest));
        } else if let Some(rest) = w.strip_prefix("-l") {
            if rest.starts_with(':') {
                lib.link_files.push(PathBuf::from(&rest[1..]));
            } else if !lib.libs.iter().any(|l| l == rest) {
                lib.libs.push(rest.to_owned());
            }
        } else if let Some(rest) = w.strip_prefix("-D") {
            let mut parts = rest.splitn(2, '=');
            let key = parts.next().unwrap_or_default().to_owned();
            lib.defines.push((key, parts.next().map(str::to_owned)));
        } else if w == "-framework" {
            let fw = iter
                .next()
                .ok_or_else(|| Error::Parse("-framework without a name".into()))?;
            lib.frameworks.push(fw.clone());
        } else if let Some(rest) = w.strip_prefix("-Wl,") {
            lib.ld_args.push(rest.split(',').map(str::to_owned).collect());
        } else if w.ends_with(".a") || w.ends_with(".so") || w.ends_with(".dylib") {
            lib.link_files.push(PathBuf::from(w));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_escaped() {
        assert_eq!(split_flags(r"-I/a\ b -lz"), vec!["-I/a b", "-lz"]);
    }

    #[test]
    fn parses_basic() {
        let mut l = Library::default();
        libs_cflags(&mut l, "-I/usr/include/libpng16 -L/opt/lib -lpng16 -lz -DPNG_X=1", false).unwrap();
        assert_eq!(l.libs, vec!["png16", "z"]);
        assert_eq!(l.include_paths, vec![PathBuf::from("/usr/include/libpng16")]);
        assert_eq!(l.defines[0], ("PNG_X".to_string(), Some("1".to_string())));
    }
}
