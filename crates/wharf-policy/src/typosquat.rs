//! Typosquatting: a new crate whose name is a likely typo or variant of a popular crate's name.
//!
//! This follows crates.io's own design (its `typosquat` module), built on the [`typomania`] crate: a
//! corpus of the registry's most-downloaded crates (default [`DEFAULT_POPULAR_COUNT`]) plus an
//! admin-maintained protected list, and a [`Harness`] that derives candidate names from the new name
//! and looks them up in the corpus. The checks are typomania's [`Bitflips`], [`Omitted`],
//! [`Repeated`], [`SwappedCharacters`], [`SwappedWords`] and [`Typos`] (with the keyboard map
//! crates.io uses), and two of Wharf's own: affixes (`serde-rs`, `rust-serde`, `tokiocli`, crates.io's
//! `Affixes` check with [`AFFIXES`]), version suffixes (`serde2`, `serde-v2`, `serde_0`), both
//! at once (`tokio-rs2`, `rust-serde-v1`), and plurals and singulars of a word (`serde_derives`,
//! `future-util`).
//!
//! A hit only ever flags the upload: it is published and queued for a moderator, since many real
//! crates have names close to popular ones. Two things keep it quiet where it should be:
//!
//! - a target crate sharing an owner with the publisher is never a hit (`serde_json` by the owners of
//!   `serde`), and neither is the target itself (the same canonical name);
//! - names shorter than [`MIN_EDIT_LENGTH`] are not compared by single-character edits, in either
//!   direction (`syn`/`sync`, `log`/`lo`, `cc`/`ccc`): among short names nearly every edit is another
//!   real crate. Affixes with a separator still apply to short targets (`log-rs`);
//! - names of more than [`MAX_SWAPPED_WORDS`] words are not checked for swapped words (the
//!   permutations would cost tens of millions of look-ups for a 64-character name).
//!
//! Names are compared in canonical form (case and `-`/`_` folded), like every name rule.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use typomania::checks::{
    Bitflips, Check, Omitted, Repeated, Squat, SwappedCharacters, SwappedWords, Typos,
};
use typomania::{AuthorSet, Corpus, Harness, Package};

use crate::names::canonical_name;
use crate::verdict::{Finding, Verdict};

/// The rule name of [`TyposquatIndex::findings`].
pub const RULE_TYPOSQUAT: &str = "name-typosquat";

/// How many of the most-downloaded crates the server puts in the corpus unless configured otherwise
/// (crates.io's number).
pub const DEFAULT_POPULAR_COUNT: usize = 3000;

/// Names shorter than this (the new one or the popular one) are not compared by single-character
/// edits.
pub const MIN_EDIT_LENGTH: usize = 4;

/// Names of more words than this are not checked for swapped words (at most 5! = 120 orders).
pub const MAX_SWAPPED_WORDS: usize = 5;

/// Words that squatters put before or after a popular name (crates.io's list). With a separator
/// (`serde-rs`, `rs_serde`) any popular name counts; run together (`serders`, `libserde`) only a
/// popular name of at least [`MIN_EDIT_LENGTH`] characters does.
pub const AFFIXES: &[&str] = &["api", "cli", "core", "lib", "rs", "rust", "sys"];

/// The characters of a canonical crate name.
const CANONICAL_ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz0123456789_";

/// "Easily confused characters" from crates.io's typosquatting configuration: each character of the
/// new name is replaced by each of its strings in turn (keyboard neighbours, look-alikes, dropped
/// separators). A candidate containing `-` is looked up in canonical form, `.` never matches.
const TYPOS: &[(char, &[&str])] = &[
    ('1', &["2", "q", "i", "l"]),
    ('2', &["1", "q", "w", "3"]),
    ('3', &["2", "w", "e", "4"]),
    ('4', &["3", "e", "r", "5"]),
    ('5', &["4", "r", "t", "6", "s"]),
    ('6', &["5", "t", "y", "7"]),
    ('7', &["6", "y", "u", "8"]),
    ('8', &["7", "u", "i", "9"]),
    ('9', &["8", "i", "o", "0"]),
    ('0', &["9", "o", "p", "-"]),
    ('-', &["_", "0", "p", ".", ""]),
    ('_', &["-", "0", "p", ".", ""]),
    ('q', &["1", "2", "w", "a"]),
    ('w', &["2", "3", "e", "s", "a", "q", "vv"]),
    ('e', &["3", "4", "r", "d", "s", "w"]),
    ('r', &["4", "5", "t", "f", "d", "e"]),
    ('t', &["5", "6", "y", "g", "f", "r"]),
    ('y', &["6", "7", "u", "h", "t", "i"]),
    ('u', &["7", "8", "i", "j", "y", "v"]),
    ('i', &["1", "8", "9", "o", "l", "k", "j", "u", "y"]),
    ('o', &["9", "0", "p", "l", "i"]),
    ('p', &["0", "-", "o"]),
    ('a', &["q", "w", "s", "z"]),
    ('s', &["w", "d", "x", "z", "a", "5"]),
    ('d', &["e", "r", "f", "c", "x", "s"]),
    ('f', &["r", "g", "v", "c", "d"]),
    ('g', &["t", "h", "b", "v", "f"]),
    ('h', &["y", "j", "n", "b", "g"]),
    ('j', &["u", "i", "k", "m", "n", "h"]),
    ('k', &["i", "o", "l", "m", "j"]),
    ('l', &["i", "o", "p", "k", "1"]),
    ('z', &["a", "s", "x"]),
    ('x', &["z", "s", "d", "c"]),
    ('c', &["x", "d", "f", "v"]),
    ('v', &["c", "f", "g", "b", "u"]),
    ('b', &["v", "g", "h", "n"]),
    ('n', &["b", "h", "j", "m"]),
    ('m', &["n", "j", "k", "rn"]),
    ('.', &["-", "_", ""]),
];

/// A crate the index protects: one of the most-downloaded, or on the admins' protected list. A
/// protected name that is no crate yet has no owners, so every look-alike of it is flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopularCrate {
    pub name: String,
    pub owner_ids: Vec<i64>,
}

/// The typosquatting checks, built over the popular and protected crates and reused for every
/// publish (the server keeps it while those crates stay the same). Building costs milliseconds
/// for thousands of crates; a check costs some thousands of hash look-ups. An index can be
/// [`extended`](TyposquatIndex::extended) with a few more crates without rebuilding what it has.
#[derive(Clone)]
pub struct TyposquatIndex {
    /// Each part is the checks over some of the crates; a name is checked against every part.
    parts: Vec<Arc<Part>>,
}

/// The checks over one set of crates.
struct Part {
    harness: Harness<PopularCorpus>,
    /// Canonical name → stored name, to name the target in findings.
    names: HashMap<String, String>,
}

impl fmt::Debug for TyposquatIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TyposquatIndex")
            .field("crates", &self.len())
            .finish_non_exhaustive()
    }
}

impl TyposquatIndex {
    /// Builds the index over `popular`: the most-downloaded crates followed by the protected list,
    /// in any order. Entries with the same canonical name are merged (their owners united).
    pub fn new(popular: Vec<PopularCrate>) -> Self {
        TyposquatIndex {
            parts: vec![Arc::new(Part::new(popular))],
        }
    }

    /// This index and `more` crates, none of them already in it: the same findings as an index
    /// built over all of them, for the cost of building over `more` alone (every check looks a
    /// name's variants up crate by crate, so the parts answer independently).
    pub fn extended(&self, more: Vec<PopularCrate>) -> Self {
        let mut parts = self.parts.clone();
        parts.push(Arc::new(Part::new(more)));
        TyposquatIndex { parts }
    }
}

impl Part {
    fn new(popular: Vec<PopularCrate>) -> Self {
        let mut crates: HashMap<String, Popular> = HashMap::with_capacity(popular.len());
        for krate in popular {
            let entry = crates
                .entry(canonical_name(&krate.name))
                .or_insert_with(|| Popular {
                    name: krate.name.clone(),
                    owners: Vec::new(),
                });
            for owner in krate.owner_ids {
                if !entry.owners.contains(&owner) {
                    entry.owners.push(owner);
                }
            }
        }
        let names: HashMap<String, String> = crates
            .iter()
            .map(|(canonical, popular)| (canonical.clone(), popular.name.clone()))
            .collect();
        let corpus = PopularCorpus { crates };

        let mut canonical: Vec<&str> = corpus.crates.keys().map(String::as_str).collect();
        canonical.sort_unstable();
        let bitflips = Bitflips::new(CANONICAL_ALPHABET, canonical.into_iter());
        let typos = Typos::new(
            TYPOS
                .iter()
                .map(|(c, typos)| (*c, typos.iter().map(|s| s.to_string()).collect())),
        );

        let harness = Harness::empty_builder()
            .with_check(Edits(Canonical(bitflips)))
            .with_check(Edits(Omitted::new(CANONICAL_ALPHABET)))
            .with_check(Edits(Repeated))
            .with_check(Edits(SwappedCharacters))
            .with_check(FewWords(SwappedWords::new("-_")))
            .with_check(Edits(typos))
            .with_check(Affixes)
            .with_check(VersionSuffix)
            .with_check(AffixedVersion)
            .with_check(Plurals)
            .build(corpus);
        Part { harness, names }
    }
}

impl TyposquatIndex {
    /// How many distinct crates (by canonical name) the index protects.
    pub fn len(&self) -> usize {
        self.parts.iter().map(|p| p.names.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The typosquatting findings for a crate named `name` published by `publisher_id`: one
    /// `name-typosquat` finding with severity [`Verdict::Flag`] per popular crate the name looks
    /// like, naming it and the techniques seen. None when the name is itself a popular crate's
    /// (in canonical form), and none for a popular crate the publisher owns.
    pub fn findings(&self, name: &str, publisher_id: i64) -> Vec<Finding> {
        self.matches(name, publisher_id)
            .into_iter()
            .map(|hit| Finding {
                rule: RULE_TYPOSQUAT.to_string(),
                severity: Verdict::Flag,
                file: None,
                line: None,
                evidence: format!(
                    "`{name}` looks like a typo or variant of the popular crate `{}` ({}); it is \
                     published, and queued for review",
                    hit.target,
                    hit.techniques.join(", ")
                ),
            })
            .collect()
    }

    /// The popular crates `name` looks like, with the techniques seen, in a stable order: what
    /// [`TyposquatIndex::findings`] reports, for callers that want to present it otherwise.
    pub fn matches(&self, name: &str, publisher_id: i64) -> Vec<TyposquatMatch> {
        let lower = name.to_ascii_lowercase();
        let publisher = Publisher(publisher_id.to_string());
        // The corpus never fails, so an error cannot happen; were it to, flagging nothing is the
        // right failure for a signal that only ever queues for review.
        let mut matches: Vec<TyposquatMatch> = Vec::new();
        for part in &self.parts {
            let squats = part
                .harness
                .check_package(&lower, Box::new(publisher.clone()))
                .unwrap_or_default();
            for squat in squats {
                let Some(target) = part.names.get(&canonical_name(squat.package())).cloned() else {
                    continue;
                };
                let technique = technique(&squat);
                match matches.iter_mut().find(|m| m.target == target) {
                    Some(m) => {
                        if !m.techniques.contains(&technique) {
                            m.techniques.push(technique);
                        }
                    }
                    None => matches.push(TyposquatMatch {
                        target,
                        techniques: vec![technique],
                    }),
                }
            }
        }
        matches
    }
}

/// One popular crate a new name looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TyposquatMatch {
    /// The popular crate's stored name.
    pub target: String,
    /// How the new name differs from it, for people: "swapped characters", "affix -rs", ….
    pub techniques: Vec<String>,
}

fn technique(squat: &Squat) -> String {
    match squat {
        Squat::Bitflip(_) => "a flipped bit".to_string(),
        Squat::OmittedCharacter(_) => "a character left out".to_string(),
        Squat::RepeatedCharacter(_) => "a character repeated".to_string(),
        Squat::SwappedCharacters(_) => "swapped characters".to_string(),
        Squat::SwappedWords(_) => "swapped words".to_string(),
        Squat::Typo(_) => "a keyboard typo".to_string(),
        Squat::Version(_) => "a version suffix".to_string(),
        Squat::Custom { message, .. } => message.clone(),
    }
}

/// A crate in the corpus.
struct Popular {
    name: String,
    owners: Vec<i64>,
}

impl AuthorSet for Popular {
    fn contains(&self, author: &str) -> bool {
        self.owners.iter().any(|owner| owner.to_string() == author)
    }
}

impl Package for Popular {
    fn authors(&self) -> &dyn AuthorSet {
        self
    }

    fn description(&self) -> Option<&str> {
        None
    }

    fn shared_authors(&self, other: &dyn AuthorSet) -> bool {
        self.owners
            .iter()
            .any(|owner| other.contains(&owner.to_string()))
    }
}

/// The package being published, as typomania sees it: its only author is the publisher.
#[derive(Clone)]
struct Publisher(String);

impl AuthorSet for Publisher {
    fn contains(&self, author: &str) -> bool {
        self.0 == author
    }
}

impl Package for Publisher {
    fn authors(&self) -> &dyn AuthorSet {
        self
    }

    fn description(&self) -> Option<&str> {
        None
    }

    fn shared_authors(&self, other: &dyn AuthorSet) -> bool {
        other.contains(&self.0)
    }
}

/// The popular crates by canonical name; every look-up canonicalises, so the checks may produce
/// candidates with `-`, `_` or either case.
struct PopularCorpus {
    crates: HashMap<String, Popular>,
}

impl PopularCorpus {
    fn lookup(&self, name: &str) -> Option<&Popular> {
        self.crates.get(&canonical_name(name))
    }
}

impl Corpus for PopularCorpus {
    fn contains_name(&self, name: &str) -> typomania::Result<bool> {
        Ok(self.lookup(name).is_some())
    }

    fn get(&self, name: &str) -> typomania::Result<Option<&dyn Package>> {
        Ok(self.lookup(name).map(|p| p as &dyn Package))
    }

    fn possible_squat(
        &self,
        corpus_name: &str,
        package_name: &str,
        package: &dyn Package,
    ) -> typomania::Result<bool> {
        Ok(canonical_name(corpus_name) != canonical_name(package_name)
            && self
                .lookup(corpus_name)
                .is_some_and(|popular| !popular.shared_authors(package.authors())))
    }
}

/// Runs a single-character-edit check only between names of at least [`MIN_EDIT_LENGTH`]
/// characters.
struct Edits<C>(C);

impl<C: Check> Check for Edits<C> {
    fn check(
        &self,
        corpus: &dyn Corpus,
        name: &str,
        package: &dyn Package,
    ) -> typomania::Result<Vec<Squat>> {
        if name.chars().count() < MIN_EDIT_LENGTH {
            return Ok(Vec::new());
        }
        self.0.check(&LongTargets(corpus), name, package)
    }
}

/// Runs a word-order check only on names of at most [`MAX_SWAPPED_WORDS`] words: typomania
/// permutes up to five of the words, and a 64-character name can have 32, which would be tens of
/// millions of candidates per publish.
struct FewWords<C>(C);

impl<C: Check> Check for FewWords<C> {
    fn check(
        &self,
        corpus: &dyn Corpus,
        name: &str,
        package: &dyn Package,
    ) -> typomania::Result<Vec<Squat>> {
        if name.split(['-', '_']).count() > MAX_SWAPPED_WORDS {
            return Ok(Vec::new());
        }
        self.0.check(corpus, name, package)
    }
}

/// A corpus view in which short popular names are never squatted.
struct LongTargets<'a>(&'a dyn Corpus);

impl Corpus for LongTargets<'_> {
    fn contains_name(&self, name: &str) -> typomania::Result<bool> {
        self.0.contains_name(name)
    }

    fn get(&self, name: &str) -> typomania::Result<Option<&dyn Package>> {
        self.0.get(name)
    }

    fn possible_squat(
        &self,
        corpus_name: &str,
        package_name: &str,
        package: &dyn Package,
    ) -> typomania::Result<bool> {
        Ok(corpus_name.chars().count() >= MIN_EDIT_LENGTH
            && self.0.possible_squat(corpus_name, package_name, package)?)
    }
}

/// Gives the wrapped check the canonical name: [`Bitflips`] looks names up verbatim in a table built
/// from the canonical popular names.
struct Canonical<C>(C);

impl<C: Check> Check for Canonical<C> {
    fn check(
        &self,
        corpus: &dyn Corpus,
        name: &str,
        package: &dyn Package,
    ) -> typomania::Result<Vec<Squat>> {
        self.0.check(corpus, &canonical_name(name), package)
    }
}

/// A popular name with one of the [`AFFIXES`] added before or after it: `serde-rs`, `rust_serde`,
/// `libtokio`. (crates.io's `Affixes` check, plus the run-together form for longer names.)
struct Affixes;

impl Check for Affixes {
    fn check(
        &self,
        corpus: &dyn Corpus,
        name: &str,
        package: &dyn Package,
    ) -> typomania::Result<Vec<Squat>> {
        let mut squats = Vec::new();
        for (stem, affix) in affix_splits(name) {
            if !stem.is_empty() && corpus.possible_squat(stem, name, package)? {
                squats.push(Squat::custom(&format!("affix {affix}"), stem));
            }
        }
        // Run together (`serders`, `libserde`), only for popular names of a length where that is
        // no accident.
        for affix in AFFIXES {
            for stem in [name.strip_prefix(affix), name.strip_suffix(affix)]
                .into_iter()
                .flatten()
            {
                if stem.len() >= MIN_EDIT_LENGTH && corpus.possible_squat(stem, name, package)? {
                    squats.push(Squat::custom(&format!("affix {affix}"), stem));
                }
            }
        }
        Ok(squats)
    }
}

/// A popular name with a version number added: `serde2`, `serde-2`, `serde-v2`, `serde_0`,
/// `serde_1_0`, `base64-2`. (typomania's `Version` check strips every trailing digit and `-`, which
/// misses `base64-2`, `serde_0` and `serde-v2`.) The popular name must have at least
/// [`MIN_EDIT_LENGTH`] characters, and the split never falls inside a number: `sha2`, `md5`, `h2` and
/// `x11` are not versions of `sha`, `md`, `h` and `x`, nor is `sha256` one of `sha2`.
struct VersionSuffix;

impl Check for VersionSuffix {
    fn check(
        &self,
        corpus: &dyn Corpus,
        name: &str,
        package: &dyn Package,
    ) -> typomania::Result<Vec<Squat>> {
        let mut squats = Vec::new();
        for (stem, suffix) in version_splits(name) {
            if corpus.possible_squat(stem, name, package)? {
                squats.push(Squat::custom(&format!("version suffix {suffix}"), stem));
            }
        }
        Ok(squats)
    }
}

/// A popular name with an affix and a version number: `tokio-rs2`, `rust-serde-v1`, `serde2-rs`.
/// Each half is [`Affixes`]' and [`VersionSuffix`]'s rule; together they are a form neither sees.
struct AffixedVersion;

impl Check for AffixedVersion {
    fn check(
        &self,
        corpus: &dyn Corpus,
        name: &str,
        package: &dyn Package,
    ) -> typomania::Result<Vec<Squat>> {
        let mut squats = Vec::new();
        for (unversioned, version) in version_splits(name) {
            for (stem, affix) in affix_splits(unversioned) {
                if stem.len() >= MIN_EDIT_LENGTH && corpus.possible_squat(stem, name, package)? {
                    squats.push(Squat::custom(
                        &format!("affix {affix} and version suffix {version}"),
                        stem,
                    ));
                }
            }
        }
        // The version may also come before the affix: `serde2-rs`.
        for (unaffixed, affix) in affix_splits(name) {
            for (stem, version) in version_splits(unaffixed) {
                if corpus.possible_squat(stem, name, package)? {
                    squats.push(Squat::custom(
                        &format!("version suffix {version} and affix {affix}"),
                        stem,
                    ));
                }
            }
        }
        Ok(squats)
    }
}

/// Every way `name` is a stem of at least [`MIN_EDIT_LENGTH`] characters plus a version suffix,
/// never split inside a number (see [`VersionSuffix`]).
fn version_splits(name: &str) -> impl Iterator<Item = (&str, &str)> {
    name.char_indices().skip(1).filter_map(move |(k, _)| {
        let (stem, suffix) = name.split_at(k);
        let inside_number = stem.ends_with(|c: char| c.is_ascii_digit())
            && suffix.starts_with(|c: char| c.is_ascii_digit());
        (is_version_suffix(suffix)
            && !stem.ends_with(['-', '_'])
            && !inside_number
            && stem.len() >= MIN_EDIT_LENGTH)
            .then_some((stem, suffix))
    })
}

/// Every way `name` is a stem plus one of the [`AFFIXES`] with a separator, before or after:
/// (stem, the affix as written).
fn affix_splits(name: &str) -> Vec<(&str, String)> {
    let mut splits = Vec::new();
    for affix in AFFIXES {
        for separator in ["-", "_"] {
            let prefix = format!("{affix}{separator}");
            if let Some(stem) = name.strip_prefix(&prefix) {
                splits.push((stem, prefix));
            }
            let suffix = format!("{separator}{affix}");
            if let Some(stem) = name.strip_suffix(&suffix) {
                splits.push((stem, suffix));
            }
        }
    }
    splits
}

/// A popular name with one word made plural or singular: `serde_derives` for `serde_derive`,
/// `future-util` for `futures-util`, `regexes` for `regex`. Words of fewer than three letters are
/// left alone, and so are names shorter than [`MIN_EDIT_LENGTH`].
struct Plurals;

impl Check for Plurals {
    fn check(
        &self,
        corpus: &dyn Corpus,
        name: &str,
        package: &dyn Package,
    ) -> typomania::Result<Vec<Squat>> {
        let canonical = canonical_name(name);
        let words: Vec<&str> = canonical.split('_').collect();
        let mut squats = Vec::new();
        for (i, word) in words.iter().enumerate() {
            if word.len() < 3 || !word.ends_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let mut forms: Vec<String> = Vec::new();
            if let Some(singular) = word.strip_suffix("es") {
                forms.push(singular.to_owned());
            }
            match word.strip_suffix('s') {
                Some(singular) => forms.push(singular.to_owned()),
                None => {
                    forms.push(format!("{word}s"));
                    forms.push(format!("{word}es"));
                }
            }
            for form in forms {
                if form.len() < 3 {
                    continue;
                }
                let mut candidate = words.clone();
                candidate[i] = &form;
                let candidate = candidate.join("_");
                if candidate.len() >= MIN_EDIT_LENGTH
                    && corpus.possible_squat(&candidate, name, package)?
                {
                    squats.push(Squat::custom("a plural or singular word", &candidate));
                }
            }
        }
        Ok(squats)
    }
}

/// `2`, `-2`, `_v2`, `v2`, `-1-0`, `_0`: separators, an optional `v`, then digits and separators
/// (at least one digit).
fn is_version_suffix(suffix: &str) -> bool {
    let rest = suffix.trim_start_matches(['-', '_']);
    let rest = rest.strip_prefix('v').unwrap_or(rest);
    rest.starts_with(|c: char| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWNER: i64 = 1;
    const SQUATTER: i64 = 666;

    fn index(names: &[&str]) -> TyposquatIndex {
        TyposquatIndex::new(
            names
                .iter()
                .enumerate()
                .map(|(i, name)| PopularCrate {
                    name: name.to_string(),
                    owner_ids: vec![OWNER, 100 + i as i64],
                })
                .collect(),
        )
    }

    /// An index extended with more crates answers as one built over all of them at once.
    #[test]
    fn an_extended_index_answers_as_a_whole_one() {
        let names = ["serde", "tokio", "reqwest", "log", "futures-util", "base64"];
        let whole = index(&names);
        let grown = index(&names[..2]).extended(
            names
                .iter()
                .enumerate()
                .skip(2)
                .map(|(i, name)| PopularCrate {
                    name: name.to_string(),
                    owner_ids: vec![OWNER, 100 + i as i64],
                })
                .collect(),
        );
        assert_eq!(grown.len(), whole.len());
        for candidate in [
            "serd",
            "tokoi",
            "reqwset",
            "log-rs",
            "future-utils",
            "base64-2",
            "tokio",
            "unrelated",
        ] {
            for publisher in [OWNER, SQUATTER, 102] {
                assert_eq!(
                    grown.matches(candidate, publisher),
                    whole.matches(candidate, publisher),
                    "{candidate} by {publisher}"
                );
            }
        }
        assert!(!grown.matches("reqwset", SQUATTER).is_empty());
    }

    fn popular() -> TyposquatIndex {
        index(&[
            "serde",
            "serde_json",
            "tokio",
            "reqwest",
            "rand",
            "syn",
            "log",
            "libc",
            "openssl-sys",
            "regex",
            "hyper",
            "clap",
            "futures-util",
            "base64",
            "async-trait",
            "lazy_static",
        ])
    }

    /// The popular crate and techniques `name` is flagged for, by a publisher owning nothing.
    fn hits(index: &TyposquatIndex, name: &str) -> Vec<(String, Vec<String>)> {
        index
            .matches(name, SQUATTER)
            .into_iter()
            .map(|m| (m.target, m.techniques))
            .collect()
    }

    #[track_caller]
    fn assert_hit(name: &str, target: &str, technique: &str) {
        let index = popular();
        let hits = hits(&index, name);
        assert!(
            hits.iter()
                .any(|(t, techniques)| t == target && techniques.iter().any(|x| x == technique)),
            "{name}: expected {target} ({technique}), got {hits:?}"
        );
    }

    #[test]
    fn each_technique_fires() {
        assert_hit("sedre", "serde", "swapped characters");
        assert_hit("tokoi", "tokio", "swapped characters");
        assert_hit("serd", "serde", "a character left out");
        assert_hit("tokioo", "tokio", "a character repeated");
        assert_hit("serrde", "serde", "a character repeated");
        assert_hit("rwgex", "regex", "a keyboard typo");
        assert_hit("hypet", "hyper", "a keyboard typo");
        assert_hit("regey", "regex", "a flipped bit");
        assert_hit("rend", "rand", "a flipped bit");
        // `u` and `w` are one bit apart.
        assert_hit("request", "reqwest", "a flipped bit");
        assert_hit("json-serde", "serde_json", "swapped words");
        assert_hit("trait_async", "async-trait", "swapped words");
        assert_hit("lazystatic", "lazy_static", "a character left out");
        assert_hit("serde-rs", "serde", "affix -rs");
        assert_hit("serde_rust", "serde", "affix _rust");
        assert_hit("rust-tokio", "tokio", "affix rust-");
        assert_hit("tokio-cli", "tokio", "affix -cli");
        assert_hit("libtokio", "tokio", "affix lib");
        assert_hit("serders", "serde", "affix rs");
        assert_hit("log-rs", "log", "affix -rs");
        assert_hit("syn-sys", "syn", "affix -sys");
        assert_hit("serde2", "serde", "version suffix 2");
        assert_hit("serde-v2", "serde", "version suffix -v2");
        assert_hit("serde_0", "serde", "version suffix _0");
        assert_hit("tokio_1_0", "tokio", "version suffix _1_0");
        assert_hit("base64-2", "base64", "version suffix -2");
        assert_hit("tokio-rs2", "tokio", "affix -rs and version suffix 2");
        assert_hit(
            "rust-serde-v1",
            "serde",
            "affix rust- and version suffix -v1",
        );
        assert_hit("serde2-rs", "serde", "version suffix 2 and affix -rs");
        assert_hit("serde_jsons", "serde_json", "a plural or singular word");
        assert_hit("future-util", "futures-util", "a plural or singular word");
        assert_hit("futures-utils", "futures-util", "a plural or singular word");
        assert_hit("regexes", "regex", "a plural or singular word");
    }

    #[test]
    fn plural_and_singular_forms_of_real_families() {
        let families = index(&["serde_derive", "clap_derive", "futures"]);
        for (name, target) in [
            ("serde-derives", "serde_derive"),
            ("clap_derives", "clap_derive"),
            ("future", "futures"),
        ] {
            let found = hits(&families, name);
            assert!(found.iter().any(|(t, _)| t == target), "{name}: {found:?}");
        }
        // Short words and short names are left alone.
        let short = index(&["log", "syn", "bytes"]);
        for name in ["logs", "syns", "lo"] {
            assert!(short.findings(name, SQUATTER).is_empty(), "{name}");
        }
    }

    #[test]
    fn version_suffixes_do_not_split_numbers() {
        let index = index(&["sha2", "base64", "oauth"]);
        for name in ["sha256", "base642", "oauth"] {
            assert!(index.findings(name, SQUATTER).is_empty(), "{name}");
        }
        for name in ["sha2-0", "sha2_v2", "base64-v3", "oauth2", "oauth-2-0"] {
            assert_eq!(index.findings(name, SQUATTER).len(), 1, "{name}");
        }
    }

    #[test]
    fn finding_shape() {
        let findings = popular().findings("serde-rs", SQUATTER);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].rule, "name-typosquat");
        assert_eq!(findings[0].severity, Verdict::Flag);
        assert_eq!(
            findings[0].evidence,
            "`serde-rs` looks like a typo or variant of the popular crate `serde` (affix -rs); it \
             is published, and queued for review"
        );
        // Several techniques towards one crate make one finding.
        let findings = popular().findings("Tokoi", SQUATTER);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].evidence.contains("`tokio`"));
    }

    #[test]
    fn owners_of_the_target_are_exempt() {
        let index = popular();
        for name in ["sedre", "serde-rs", "serde2", "tokoi", "json-serde"] {
            assert!(!index.findings(name, SQUATTER).is_empty(), "{name}");
            assert!(index.findings(name, OWNER).is_empty(), "{name}");
        }
        // An owner of one popular crate is still flagged against another it does not own.
        let index = TyposquatIndex::new(vec![
            PopularCrate {
                name: "serde".into(),
                owner_ids: vec![1],
            },
            PopularCrate {
                name: "serde_derive".into(),
                owner_ids: vec![2],
            },
        ]);
        assert!(index.findings("serde-derive-rs", 1).len() == 1);
        assert!(index.findings("serde-derive-rs", 2).is_empty());
    }

    #[test]
    fn a_family_of_one_owner_is_quiet() {
        // `rand_core` adds a crates.io affix to `rand`: a stranger publishing it is flagged, the
        // owners of `rand` are not.
        let index = popular();
        assert_eq!(index.findings("rand_core", SQUATTER).len(), 1);
        assert!(index.findings("rand_core", OWNER).is_empty());
    }

    #[test]
    fn the_target_itself_is_not_a_typo() {
        let index = popular();
        for name in [
            "serde",
            "Serde",
            "serde-json",
            "SERDE_JSON",
            "openssl_sys",
            "Tokio",
        ] {
            assert!(index.findings(name, SQUATTER).is_empty(), "{name}");
        }
    }

    #[test]
    fn unrelated_and_short_names_are_quiet() {
        let index = popular();
        for name in [
            "axum",
            "tower",
            "sync",
            "syntax",
            "sn",
            "lg",
            "logs",
            "libz",
            "lib",
            "ran",
            "hash",
            "sha2",
            "x11",
            "serde_yaml",
            "tokio-util",
            "clapper",
        ] {
            assert!(
                index.findings(name, SQUATTER).is_empty(),
                "{name}: {:?}",
                index.findings(name, SQUATTER)
            );
        }
    }

    #[test]
    fn short_popular_names_are_not_edit_targets() {
        // `syn` and `log` are popular, but one edit away from them is mostly other real crates.
        let index = popular();
        for name in ["sym", "syyn", "sny", "lgo", "logg", "lo"] {
            assert!(index.findings(name, SQUATTER).is_empty(), "{name}");
        }
        // Long enough on both sides: flagged.
        assert!(!index.findings("libcc", SQUATTER).is_empty());
    }

    #[test]
    fn protected_names_without_owners_and_merged_duplicates() {
        let index = TyposquatIndex::new(vec![
            PopularCrate {
                name: "acme-auth".into(),
                owner_ids: vec![],
            },
            PopularCrate {
                name: "serde".into(),
                owner_ids: vec![1],
            },
            PopularCrate {
                name: "Serde".into(),
                owner_ids: vec![2],
            },
        ]);
        assert_eq!(index.len(), 2);
        assert!(!index.is_empty());
        assert_eq!(index.findings("acme-atuh", 1).len(), 1);
        assert!(index.findings("sedre", 1).is_empty());
        assert!(index.findings("sedre", 2).is_empty());
        assert_eq!(index.findings("sedre", 3).len(), 1);
        assert!(TyposquatIndex::new(Vec::new())
            .findings("serde", 1)
            .is_empty());
        assert!(TyposquatIndex::new(Vec::new()).is_empty());
    }

    #[test]
    fn odd_input_does_not_panic() {
        let index = popular();
        for name in [
            "",
            "-",
            "_",
            "1",
            "naïve-serde",
            "ۊۊ",
            &"a-".repeat(40),
            "99",
        ] {
            let _ = index.findings(name, SQUATTER);
        }
    }
}
