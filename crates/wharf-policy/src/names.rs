//! Crate-name rules: which names are well formed, and when two names are the same name.
//!
//! Cargo treats `-` and `_` as the same character when resolving names, and crates.io treats names
//! case-insensitively, so `Foo-Bar`, `foo_bar` and `FOO-BAR` all name one crate. The registry enforces
//! uniqueness on [`canonical_name`], in a database constraint, so that racing publishers cannot both win.

use thiserror::Error;

use crate::verdict::{Finding, Verdict};

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

/// The seed of the registry's table of reserved names: names of the Rust toolchain's own crates, and
/// names Windows cannot use as file names.
///
/// The toolchain names are those crates.io itself reserves (its `reserved_crate_names` table), plus
/// the prefix pattern `rustc*` (an entry ending in `*` reserves every name starting with it, in
/// canonical form). The pattern also covers well-known crates.io crates such as `rustc-hash`,
/// `rustc_version` and `rustc-demangle`; a registry that wants to host those deletes the pattern
/// row, and the exact `rustc_*` names below stay reserved.
///
/// The Windows device names (`con`, `prn`, `aux`, `nul`, `com0`–`com9`, `lpt0`–`lpt9`) would make
/// a checkout of the index or an unpacked crate unusable on Windows.
pub const DEFAULT_RESERVED_NAMES: &[&str] = &[
    // The Rust toolchain, as reserved on crates.io.
    "alloc",
    "arena",
    "ast",
    "builtins",
    "collections",
    "compiler-builtins",
    "compiler-rt",
    "compiletest",
    "core",
    "coretest",
    "debug",
    "driver",
    "flate",
    "fmt_macros",
    "grammar",
    "graphviz",
    "macro",
    "macros",
    "proc_macro",
    "rbml",
    "rust-installer",
    "rustbook",
    "rustc",
    "rustc_back",
    "rustc_borrowck",
    "rustc_driver",
    "rustc_llvm",
    "rustc_resolve",
    "rustc_trans",
    "rustc_typeck",
    "rustdoc",
    "rustllvm",
    "rustuv",
    "serialize",
    "std",
    "syntax",
    "test",
    "unicode",
    // No `rustc*` prefix pattern by default, although patterns work: it would refuse real, popular
    // crates such as `rustc-hash`, `rustc_version` and `rustc-demangle`, and in canonical form
    // (`-` = `_`) no pattern can tell those from the compiler's own `rustc_*` crates. The exact names
    // above are the compiler crates crates.io reserves; an operator who wants the whole prefix adds
    // `wharf admin reserved add 'rustc*'`.
    // Windows device names.
    "con",
    "prn",
    "aux",
    "nul",
    "com0",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt0",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

/// The rule name of [`reserved_findings`].
pub const RULE_RESERVED: &str = "name-reserved";
/// The rule name of [`confusable_findings`].
pub const RULE_CONFUSABLE: &str = "name-confusable";

/// The entry of `reserved` that `name` falls under, if any.
///
/// Both sides are compared in canonical form, so `Proc-Macro` matches `proc_macro`. An entry ending
/// in `*` is a prefix pattern: `rustc*` matches `rustc`, `rustc-driver` and `rustcfoo`. Blank
/// entries, and a lone `*`, match nothing (an admin's slip must not reserve every name).
pub fn matches_reserved<'a>(name: &str, reserved: &'a [String]) -> Option<&'a str> {
    let name = canonical_name(name);
    reserved.iter().map(String::as_str).find(|entry| {
        let entry = entry.trim();
        match entry.strip_suffix('*') {
            Some(prefix) => {
                let prefix = canonical_name(prefix.trim());
                !prefix.is_empty() && name.starts_with(&prefix)
            }
            None => !entry.is_empty() && canonical_name(entry) == name,
        }
    })
}

/// A reserved name is refused: one `name-reserved` finding with severity [`Verdict::Reject`], or
/// none.
pub fn reserved_findings(name: &str, reserved: &[String]) -> Vec<Finding> {
    let Some(entry) = matches_reserved(name, reserved) else {
        return Vec::new();
    };
    let entry = entry.trim();
    let evidence = if entry.ends_with('*') {
        format!(
            "the crate name `{name}` is reserved: names starting with `{}` are reserved on this \
             registry; choose another name",
            entry.trim_end_matches('*')
        )
    } else if entry == name {
        format!("the crate name `{name}` is reserved on this registry; choose another name")
    } else {
        format!(
            "the crate name `{name}` is reserved on this registry (it is the same name as `{entry}`, \
             ignoring case and `-`/`_`); choose another name"
        )
    };
    vec![Finding {
        rule: RULE_RESERVED.to_string(),
        severity: Verdict::Reject,
        file: None,
        line: None,
        evidence,
    }]
}

/// The form under which two names look the same to a reader: the [`canonical_name`] with `_` (and
/// so `-`) removed, `i`, `1` and `l` written as `l`, and `0` written as `o`.
///
/// `tokio`, `tok1o` and `Tok-Io` share the skeleton `toklo`; `foo-bar` and `foobar` share `foobar`.
/// The server stores it in an indexed column and passes the crates with the same skeleton to
/// [`confusable_findings`].
pub fn confusable_skeleton(name: &str) -> String {
    canonical_name(name)
        .chars()
        .filter_map(|c| match c {
            '_' => None,
            'i' | '1' | 'l' => Some('l'),
            '0' => Some('o'),
            c => Some(c),
        })
        .collect()
}

/// An existing crate, as the server passes it to [`confusable_findings`]: its stored name and the
/// ids of its owners.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingCrate {
    pub name: String,
    pub owner_ids: Vec<i64>,
}

/// Names that only differ from an existing crate's in characters a reader confuses are refused,
/// unless the publisher owns that crate.
///
/// `same_skeleton` holds the crates whose [`confusable_skeleton`] equals `name`'s (the server's
/// query; other entries are ignored here). A crate with the same canonical name is the same crate,
/// not a confusable one, and is left to the ownership check. Each other crate that `publisher_id`
/// does not own gives one `name-confusable` finding with severity [`Verdict::Reject`], naming it.
pub fn confusable_findings(
    name: &str,
    publisher_id: i64,
    same_skeleton: &[ExistingCrate],
) -> Vec<Finding> {
    let canonical = canonical_name(name);
    let skeleton = confusable_skeleton(name);
    same_skeleton
        .iter()
        .filter(|existing| {
            canonical_name(&existing.name) != canonical
                && confusable_skeleton(&existing.name) == skeleton
                && !existing.owner_ids.contains(&publisher_id)
        })
        .map(|existing| Finding {
            rule: RULE_CONFUSABLE.to_string(),
            severity: Verdict::Reject,
            file: None,
            line: None,
            evidence: format!(
                "the crate name `{name}` is too easily confused with the existing crate `{}`, \
                 which has other owners (names are compared ignoring case, `-` and `_`, with \
                 `i`, `l` and `1` alike and `o` and `0` alike); choose another name, or ask an \
                 owner of `{}` to publish it",
                existing.name, existing.name
            ),
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

    fn reserved() -> Vec<String> {
        DEFAULT_RESERVED_NAMES
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn reserved_exact_and_canonical() {
        let reserved = reserved();
        assert_eq!(matches_reserved("std", &reserved), Some("std"));
        assert_eq!(
            matches_reserved("Proc-Macro", &reserved),
            Some("proc_macro")
        );
        assert_eq!(
            matches_reserved("proc_macro", &reserved),
            Some("proc_macro")
        );
        assert_eq!(matches_reserved("CORE", &reserved), Some("core"));
        assert_eq!(
            matches_reserved("compiler_builtins", &reserved),
            Some("compiler-builtins")
        );
        for name in [
            "serde", "stdx", "cores", "tests", "rust", "cargo", "con-txt",
        ] {
            assert_eq!(matches_reserved(name, &reserved), None, "{name}");
        }
    }

    #[test]
    fn reserved_prefix_pattern() {
        let mut reserved = reserved();
        assert_eq!(matches_reserved("rustc", &reserved), Some("rustc"));
        assert_eq!(matches_reserved("rustc-hash", &reserved), None);
        assert_eq!(
            matches_reserved("Rustc_Driver", &reserved),
            Some("rustc_driver")
        );
        reserved.push("rustc*".to_string());
        assert_eq!(matches_reserved("rustc-hash", &reserved), Some("rustc*"));
        assert_eq!(matches_reserved("rustcfoo", &reserved), Some("rustc*"));
        assert_eq!(matches_reserved("rust", &reserved), None);
        assert_eq!(matches_reserved("rustls", &reserved), None);
        // A pattern is matched in canonical form too.
        let custom = vec!["Acme-*".to_string()];
        assert_eq!(matches_reserved("acme_tools", &custom), Some("Acme-*"));
        assert_eq!(matches_reserved("acmetools", &custom), None);
        // Blank entries and a lone `*` reserve nothing.
        let sloppy = vec![String::new(), "*".to_string(), "  ".to_string()];
        assert_eq!(matches_reserved("anything", &sloppy), None);
    }

    #[test]
    fn reserved_windows_device_names() {
        let reserved = reserved();
        assert_eq!(matches_reserved("COM1", &reserved), Some("com1"));
        assert_eq!(matches_reserved("lpt9", &reserved), Some("lpt9"));
        assert_eq!(matches_reserved("nul", &reserved), Some("nul"));
        assert_eq!(matches_reserved("Con", &reserved), Some("con"));
        assert_eq!(matches_reserved("aux", &reserved), Some("aux"));
        assert_eq!(matches_reserved("com10", &reserved), None);
        assert_eq!(matches_reserved("null", &reserved), None);
        assert_eq!(matches_reserved("console", &reserved), None);
    }

    #[test]
    fn reserved_findings_reject() {
        let reserved = reserved();
        let findings = reserved_findings("Proc-Macro", &reserved);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, "name-reserved");
        assert_eq!(findings[0].severity, Verdict::Reject);
        assert!(
            findings[0].evidence.contains("`Proc-Macro`"),
            "{findings:?}"
        );
        assert!(
            findings[0].evidence.contains("`proc_macro`"),
            "{findings:?}"
        );

        assert!(reserved_findings("rustc-hash", &reserved).is_empty());
        let with_prefix = [reserved.clone(), vec!["rustc*".to_string()]].concat();
        let findings = reserved_findings("rustc-hash", &with_prefix);
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].evidence.contains("starting with `rustc`"),
            "{findings:?}"
        );

        assert_eq!(reserved_findings("std", &reserved).len(), 1);
        assert!(reserved_findings("serde", &reserved).is_empty());
        assert!(reserved_findings("std", &[]).is_empty());
    }

    #[test]
    fn skeletons() {
        assert_eq!(confusable_skeleton("tokio"), "toklo");
        assert_eq!(confusable_skeleton("tok1o"), "toklo");
        assert_eq!(confusable_skeleton("Tok-Io"), "toklo");
        assert_eq!(confusable_skeleton("rustls"), confusable_skeleton("rust1s"));
        assert_eq!(
            confusable_skeleton("foo-bar"),
            confusable_skeleton("foobar")
        );
        assert_eq!(confusable_skeleton("i-o"), confusable_skeleton("l_0"));
        assert_eq!(confusable_skeleton("i-o"), "lo");
        assert_ne!(confusable_skeleton("serde"), confusable_skeleton("5erde"));
        assert_ne!(confusable_skeleton("tokio"), confusable_skeleton("tokyo"));
    }

    fn existing(name: &str, owners: &[i64]) -> ExistingCrate {
        ExistingCrate {
            name: name.to_string(),
            owner_ids: owners.to_vec(),
        }
    }

    #[test]
    fn confusable_with_other_owners_is_rejected() {
        for (new, old) in [
            ("tok1o", "tokio"),
            ("rust1s", "rustls"),
            ("foobar", "foo-bar"),
            ("foo-bar", "foobar"),
            ("l_0", "i-o"),
            ("TOKIO-", "tokio"),
        ] {
            let findings = confusable_findings(new, 7, &[existing(old, &[1, 2])]);
            assert_eq!(findings.len(), 1, "{new} vs {old}");
            assert_eq!(findings[0].rule, "name-confusable");
            assert_eq!(findings[0].severity, Verdict::Reject);
            assert!(
                findings[0]
                    .evidence
                    .contains(&format!("existing crate `{old}`")),
                "{findings:?}"
            );
        }
    }

    #[test]
    fn confusable_owned_by_publisher_or_same_crate_is_fine() {
        // The publisher owns the look-alike.
        assert!(confusable_findings("tok1o", 2, &[existing("tokio", &[1, 2])]).is_empty());
        // The same canonical name is the same crate (or the canonical collision rule's business).
        assert!(confusable_findings("Tokio", 7, &[existing("tokio", &[1])]).is_empty());
        assert!(confusable_findings("foo_bar", 7, &[existing("foo-bar", &[1])]).is_empty());
        // A crate the server passed that does not share the skeleton is not a hit.
        assert!(confusable_findings("tokyo", 7, &[existing("tokio", &[1])]).is_empty());
        assert!(confusable_findings("tokio", 7, &[]).is_empty());
    }

    #[test]
    fn confusable_names_each_crate_not_owned() {
        let findings = confusable_findings(
            "foo-bar",
            5,
            &[
                existing("foobar", &[1]),
                existing("f0o_bar", &[5]),
                existing("fo-obar", &[2]),
            ],
        );
        assert_eq!(findings.len(), 2, "{findings:?}");
        assert!(findings[0].evidence.contains("`foobar`"));
        assert!(findings[1].evidence.contains("`fo-obar`"));
    }
}
