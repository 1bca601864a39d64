//! Validation of entry paths.
//!
//! Nothing here normalises: a path that is not already in the one plain form
//! `cargo package` writes (`{name}-{version}/relative/path`, `/`-separated,
//! no `.`, `..` or empty components) is rejected rather than cleaned up, so
//! that what we record is exactly what any other tool would unpack.

use crate::TarballError;

/// Checks an entry's effective path and returns it relative to the package
/// directory (`""` for the package directory itself).
pub(crate) fn relative_path(
    raw: &[u8],
    package_dir: &str,
    is_dir: bool,
) -> Result<String, TarballError> {
    let path = std::str::from_utf8(raw).map_err(|_| TarballError::NonUtf8Path {
        lossy: String::from_utf8_lossy(raw).into_owned(),
    })?;
    let invalid = |reason| TarballError::InvalidPath {
        path: path.to_owned(),
        reason,
    };

    if path.is_empty() {
        return Err(invalid("it is empty"));
    }
    if is_absolute(path) {
        return Err(TarballError::AbsolutePath {
            path: path.to_owned(),
        });
    }
    // Report traversal before anything else so that `../x` and `a/../../x`
    // get the error that says what they are trying to do.
    if has_parent_component(path.as_bytes()) {
        return Err(TarballError::PathTraversal {
            path: path.to_owned(),
        });
    }
    if path.contains('\0') {
        return Err(invalid("it contains a NUL byte"));
    }
    // cargo refuses to package names with these characters; on Windows `\`
    // is a separator (so `..\` would traverse) and `:` names a drive or an
    // alternate data stream.
    if path.contains('\\') {
        return Err(invalid(
            "it contains a backslash, which Windows reads as a directory separator",
        ));
    }
    if path.contains(':') {
        return Err(invalid(
            "it contains `:`, which Windows reads as a drive or stream separator",
        ));
    }

    // Directory entries conventionally end in `/`; files never do.
    let body = match path.strip_suffix('/') {
        Some(body) if is_dir => body,
        Some(_) => return Err(invalid("it names a file but ends with `/`")),
        None => path,
    };
    for component in body.split('/') {
        match component {
            "" => return Err(invalid("it contains an empty component (`//`)")),
            "." => return Err(invalid("it contains a `.` component")),
            _ => {}
        }
    }

    match body.split_once('/') {
        Some((first, rest)) if first == package_dir => Ok(rest.to_owned()),
        None if body == package_dir && is_dir => Ok(String::new()),
        _ => Err(TarballError::WrongPrefix {
            path: path.to_owned(),
            expected: format!("{package_dir}/"),
        }),
    }
}

/// Checks that the name stored in the tar header itself agrees with the
/// effective name taken from a GNU long-name record or a pax `path`.
///
/// Writers that use those records also put the first bytes of the real name
/// in the header (the header only has room for 100 or 255 bytes), so the
/// header name must be a non-empty leading part of the real one. Anything
/// else means tools that ignore the extension records would unpack the entry
/// somewhere else.
pub(crate) fn check_header_name(effective: &[u8], header: &[u8]) -> Result<(), TarballError> {
    if header == effective {
        return Ok(());
    }
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    if header.is_empty() || !effective.starts_with(header) {
        return Err(TarballError::PathMismatch {
            path: lossy(effective),
            other: lossy(header),
        });
    }
    // A truncated header name can end in `..` even when the real component is
    // `..foo`; refuse it rather than hand a naive extractor a traversal.
    if has_parent_component(header) {
        return Err(TarballError::PathTraversal {
            path: lossy(header),
        });
    }
    Ok(())
}

fn is_absolute(path: &str) -> bool {
    let b = path.as_bytes();
    b.first() == Some(&b'/')
        || b.first() == Some(&b'\\')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

/// Whether any `/`- or `\`-separated component is `..`.
fn has_parent_component(path: &[u8]) -> bool {
    path.split(|&b| b == b'/' || b == b'\\')
        .any(|component| component == b"..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_paths() {
        assert_eq!(
            relative_path(b"foo-1.0.0/src/lib.rs", "foo-1.0.0", false).unwrap(),
            "src/lib.rs"
        );
        assert_eq!(
            relative_path(b"foo-1.0.0/src/", "foo-1.0.0", true).unwrap(),
            "src"
        );
        assert_eq!(relative_path(b"foo-1.0.0/", "foo-1.0.0", true).unwrap(), "");
        assert_eq!(
            relative_path(b"foo-1.0.0/..hidden", "foo-1.0.0", false).unwrap(),
            "..hidden"
        );
    }

    #[test]
    fn rejects_odd_paths() {
        let dir = "foo-1.0.0";
        for (path, is_dir) in [
            (&b"foo-1.0.0/./src/lib.rs"[..], false),
            (b"foo-1.0.0//lib.rs", false),
            (b"foo-1.0.0/src/", false),
            (b"foo-1.0.0", false),
            (b"foo-1.0.0/a\\b", false),
            (b"foo-1.0.0/a:b", false),
            (b"", false),
        ] {
            assert!(relative_path(path, dir, is_dir).is_err(), "{path:?}");
        }
        assert!(matches!(
            relative_path(b"C:/x", dir, false),
            Err(TarballError::AbsolutePath { .. })
        ));
        assert!(matches!(
            relative_path(b"foo-1.0.0/..\\x", dir, false),
            Err(TarballError::PathTraversal { .. })
        ));
    }

    #[test]
    fn header_name_must_lead_the_real_name() {
        assert!(check_header_name(b"foo-1.0.0/long/name", b"foo-1.0.0/lo").is_ok());
        assert!(check_header_name(b"foo-1.0.0/long/name", b"").is_err());
        assert!(check_header_name(b"foo-1.0.0/long/name", b"bar-1.0.0/lo").is_err());
        assert!(matches!(
            check_header_name(b"foo-1.0.0/..name", b"foo-1.0.0/.."),
            Err(TarballError::PathTraversal { .. })
        ));
    }
}
