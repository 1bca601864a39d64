//! POSIX shell quoting for the remote command line.
//!
//! OpenSSH sends the command as one string that the remote login shell
//! parses, so every argument has to be quoted.

/// Quotes `s` so that a POSIX shell reads it back as one literal word.
pub fn quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b',' | b':' | b'=' | b'@' | b'+')
        })
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// Joins program and arguments into one safely quoted command line.
pub fn join<I, S>(words: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    words
        .into_iter()
        .map(|w| quote(w.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain() {
        assert_eq!(quote("ls"), "ls");
        assert_eq!(quote("/var/log"), "/var/log");
    }

    #[test]
    fn hostile() {
        assert_eq!(quote("a b; rm -rf /"), "'a b; rm -rf /'");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("$(id)"), "'$(id)'");
    }
}
