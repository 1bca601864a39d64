//! Quoting and name validation for unit files.

use std::io;

/// Quotes one argument for an `Exec*=` line. `%` is doubled so systemd
/// does not treat it as a specifier; `$` is escaped to prevent variable
/// expansion.
pub fn systemd_quote(arg: &str) -> String {
    let needs = arg.is_empty()
        || arg.chars().any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '\\' | '%' | '$' | ';'));
    if !needs {
        return arg.to_string();
    }
    let mut out = String::with_capacity(arg.len() + 2);
    out.push('"');
    for c in arg.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '%' => out.push_str("%%"),
            '$' => out.push_str("$$"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Unit names: ASCII letters, digits, `:-_.\@`, at most 255 bytes, not
/// starting with `.` or `-`.
pub fn validate_unit_name(name: &str) -> io::Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && !name.starts_with('-')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b":-_.\\@".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::InvalidInput, format!("invalid unit name {:?}", name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes() {
        assert_eq!(systemd_quote("plain"), "plain");
        assert_eq!(systemd_quote("a b"), "\"a b\"");
        assert_eq!(systemd_quote("50%"), "\"50%%\"");
        assert_eq!(systemd_quote("$HOME"), "\"$$HOME\"");
        assert_eq!(systemd_quote(""), "\"\"");
    }

    #[test]
    fn names() {
        assert!(validate_unit_name("nightly-backup").is_ok());
        assert!(validate_unit_name("getty@tty1").is_ok());
        assert!(validate_unit_name("../etc/passwd").is_err());
        assert!(validate_unit_name("a b").is_err());
    }
}
