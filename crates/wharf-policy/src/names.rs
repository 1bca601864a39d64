//! Crate-name rules: which names are well formed, and when two names are the same name.
//!
//! Cargo treats `-` and `_` as the same character when resolving names, and crates.io treats names
//! case-insensitively, so `Foo-Bar`, `foo_bar` and `FOO-BAR` all name one crate. The registry enforces
//! uniqueness on [`canonical_name`], in a database constraint, so that racing publishers cannot both win.

use thiserror::Error;

/// The longest crate name accepted, as on crates.io.
pub const MAX_NAME_LENGTH: usize = 64;

/// Why a crate name is not acceptable. The messages are shown to the publisher by cargo.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum NameError {
    #[error("the crate name is empty")]
    Empty,
    #[error("the crate name `{0}` is too long: at most {MAX_NAME_LENGTH} characters are allowed")]
    TooLong(String),
    #[error("the crate name `{0}` must start with an ASCII letter")]
    BadFirstCharacter(String),
    #[error(
        "the crate name `{name}` contains `{character}`: only ASCII letters, digits, `-` and `_` are allowed"
    )]
    BadCharacter { name: String, character: char },
}

/// Checks the shape of a crate name: 1 to 64 characters, an ASCII letter first, then ASCII letters,
/// digits, `-` or `_`.
pub fn validate_crate_name(name: &str) -> Result<(), NameError> {
    let Some(first) = name.chars().next() else {
        return Err(NameError::Empty);
    };
    if name.chars().count() > MAX_NAME_LENGTH {
        return Err(NameError::TooLong(name.to_string()));
    }
    if !first.is_ascii_alphabetic() {
        return Err(NameError::BadFirstCharacter(name.to_string()));
    }
    if let Some(character) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(NameError::BadCharacter {
            name: name.to_string(),
            character,
        });
    }
    Ok(())
}

/// The form under which names are unique: lower case, with `-` written as `_`.
pub fn canonical_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_names() {
        for name in [
            "serde",
            "serde_json",
            "tokio-util",
            "a",
            "X11",
            "windows-sys",
        ] {
            assert_eq!(validate_crate_name(name), Ok(()), "{name}");
        }
        assert_eq!(validate_crate_name(&"a".repeat(64)), Ok(()));
    }

    #[test]
    fn refuses_malformed_names() {
        assert_eq!(validate_crate_name(""), Err(NameError::Empty));
        assert!(matches!(
            validate_crate_name(&"a".repeat(65)),
            Err(NameError::TooLong(_))
        ));
        assert!(matches!(
            validate_crate_name("1abc"),
            Err(NameError::BadFirstCharacter(_))
        ));
        assert!(matches!(
            validate_crate_name("_abc"),
            Err(NameError::BadFirstCharacter(_))
        ));
        assert!(matches!(
            validate_crate_name("ab.c"),
            Err(NameError::BadCharacter { character: '.', .. })
        ));
        assert!(matches!(
            validate_crate_name("naïve"),
            Err(NameError::BadCharacter {
                character: 'ï', ..
            })
        ));
    }

    #[test]
    fn canonical_form_folds_case_and_separators() {
        assert_eq!(canonical_name("Foo-Bar"), "foo_bar");
        assert_eq!(canonical_name("foo_bar"), canonical_name("FOO-BAR"));
        assert_ne!(canonical_name("foobar"), canonical_name("foo-bar"));
    }
}
