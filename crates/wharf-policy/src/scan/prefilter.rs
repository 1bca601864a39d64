//! The cheap first pass: one Aho-Corasick search over each Rust file for the vocabulary of every
//! capability and indicator, so that the parser only runs on files that can matter.
//!
//! A file's vocabulary is a set of categories (network, spawning, writing, secrets, …). Most
//! findings need two of them together within one target, so a target is parsed only when its
//! files' vocabularies could combine into a finding, and then only the files that contribute.
//! Build scripts and procedural macros are always parsed. Matching is case-insensitive and on raw
//! bytes (comments included), and every occurrence counts, overlapping ones included, so it
//! over-approximates: it can only send more files to the parser. The same pass notes which files
//! pull others in (`include!(…)`, `#[path = …]`), for [`context`](super::context).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

use super::vocabulary::{
    BROWSER_MINER_CALLS, GENERATED_MARKERS, PREFILTER_BASE64_WORDS, PREFILTER_CLIPBOARD,
    PREFILTER_CONDITIONS, PREFILTER_DECODING, PREFILTER_DESTRUCTION, PREFILTER_EMBEDDING,
    PREFILTER_ENVIRONMENT, PREFILTER_EXECUTION, PREFILTER_EXFILTRATION, PREFILTER_FILE_INCLUSION,
    PREFILTER_FILE_WRITES, PREFILTER_HOST, PREFILTER_LOAD_TIME, PREFILTER_LOCALE, PREFILTER_MINING,
    PREFILTER_NETWORK, PREFILTER_PERSISTENCE, PREFILTER_PROCESSES, PREFILTER_REPOSITORY_PUSH,
    PREFILTER_REVERSED_WORDS, PREFILTER_ROTATION, PREFILTER_SECRETS, PREFILTER_WALKING,
    PREFILTER_WIPING,
};

/// A set of vocabulary categories.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Vocabulary(pub u32);

/// What the prefilter's one pass over a Rust file found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prefiltered {
    pub vocabulary: Vocabulary,
    /// Whether the file may pull other files in (`include!(…)`, `#[path = …]`, in any case): when
    /// false, it certainly does not.
    pub names_files: bool,
}

pub const NET: u32 = 1 << 0;
pub const SPAWN: u32 = 1 << 1;
pub const WRITE: u32 = 1 << 2;
pub const EXEC: u32 = 1 << 3;
pub const ENV: u32 = 1 << 4;
pub const HOST: u32 = 1 << 5;
pub const SENSITIVE: u32 = 1 << 6;
pub const PERSIST: u32 = 1 << 7;
pub const DECODE: u32 = 1 << 8;
pub const MINER: u32 = 1 << 9;
pub const LOAD_TIME: u32 = 1 << 10;
pub const INCLUDE: u32 = 1 << 11;
pub const EXFIL: u32 = 1 << 12;
pub const DESTROY: u32 = 1 << 13;
pub const LOCALE: u32 = 1 << 14;
pub const WALK: u32 = 1 << 15;
pub const CONDITION: u32 = 1 << 16;
pub const CLIPBOARD: u32 = 1 << 17;
pub const WIPE: u32 = 1 << 18;
pub const ENCODED: u32 = 1 << 19;
/// An indicator spelled backwards (`//:sptth`, `hs/nib/`): text nobody writes reversed but to
/// hide it, so a file holding one is read in the first round, whatever else it holds.
pub const REVERSED: u32 = 1 << 20;

/// Keys rotated over words (`k.rotate_left(i * 5)`): a decoding, but one hashing code writes as
/// often, so it counts only where a target's decoding is asked about (a process or a raw
/// connection beside it), not as [`DECODE`] everywhere.
pub const ROTATE: u32 = 1 << 22;

/// Not a category: the file pulls other files in with `include!(…)` or `#[path = …]`, which is
/// what [`context`](super::context) must know to give those files the including file's context.
/// Found in the same pass so that no file is searched again for it; [`Vocabulary`] never holds
/// it.
const NAMES_FILES: u32 = 1 << 21;

/// The [`vocabulary`](super::vocabulary) table of each category.
const TABLES: &[(u32, &[&str])] = &[
    (NET, PREFILTER_NETWORK),
    (SPAWN, PREFILTER_PROCESSES),
    (WRITE, PREFILTER_FILE_WRITES),
    (EXEC, PREFILTER_EXECUTION),
    (ENV, PREFILTER_ENVIRONMENT),
    (HOST, PREFILTER_HOST),
    (SENSITIVE, PREFILTER_SECRETS),
    (PERSIST, PREFILTER_PERSISTENCE),
    (DECODE, PREFILTER_DECODING),
    (ROTATE, PREFILTER_ROTATION),
    (MINER, PREFILTER_MINING),
    (LOAD_TIME, PREFILTER_LOAD_TIME),
    (INCLUDE, PREFILTER_EMBEDDING),
    (NAMES_FILES, PREFILTER_FILE_INCLUSION),
    (EXFIL, PREFILTER_EXFILTRATION),
    (EXFIL, PREFILTER_REPOSITORY_PUSH),
    (DESTROY, PREFILTER_DESTRUCTION),
    (LOCALE, PREFILTER_LOCALE),
    (WALK, PREFILTER_WALKING),
    (CONDITION, PREFILTER_CONDITIONS),
    (CLIPBOARD, PREFILTER_CLIPBOARD),
    (WIPE, PREFILTER_WIPING),
];

/// Every pattern once, with the categories of every table it is in (`curl` is network access and
/// a process). Pattern ids do not matter: every occurrence of every pattern is reported, and only
/// the union of their categories is kept.
static PATTERNS: LazyLock<Vec<(String, u32)>> = LazyLock::new(|| {
    let mut patterns: BTreeMap<String, u32> = BTreeMap::new();
    for &(category, words) in TABLES {
        for word in words {
            *patterns.entry(word.to_string()).or_default() |= category;
        }
    }
    for word in PREFILTER_BASE64_WORDS {
        for spelling in base64_spellings(word.as_bytes()) {
            *patterns.entry(spelling).or_default() |= ENCODED;
        }
    }
    for word in PREFILTER_REVERSED_WORDS.iter().chain(BROWSER_MINER_CALLS) {
        let reversed: String = word.chars().rev().collect();
        *patterns.entry(reversed).or_default() |= REVERSED;
    }
    patterns.into_iter().collect()
});

/// The base64 characters that spell `word` wherever it starts in the encoded data: one run per
/// alignment (the word's first byte at offset 0, 1 or 2 of a three-byte group), without the
/// characters that also depend on the bytes around it.
fn base64_spellings(word: &[u8]) -> Vec<String> {
    use base64::Engine;
    (0..3)
        .map(|shift| {
            let mut padded = vec![0u8; shift];
            padded.extend_from_slice(word);
            let encoded = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&padded);
            // Characters before `start` hold bits of the bytes before the word; those from
            // `end` on hold bits of the bytes after it.
            let start = [0, 2, 3][shift];
            let end = (padded.len() * 8) / 6;
            encoded[start..end].to_owned()
        })
        .collect()
}

/// Every pattern.
static MATCHER: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::new(PATTERNS.iter().map(|(p, c)| (p.as_str(), *c))));

/// The patterns of the categories that count in generated code ([`IN_GENERATED`]), and
/// [`NAMES_FILES`]: large generated files hold many of the other words as declarations, and every
/// match costs the walk a detour.
static GENERATED_MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    Matcher::new(
        PATTERNS
            .iter()
            .map(|(p, c)| (p.as_str(), *c))
            .filter(|(_, c)| c & (IN_GENERATED | NAMES_FILES) != 0),
    )
});

/// A set of patterns, ASCII case-insensitive, as a DFA that reports every occurrence, overlapping
/// ones included: the union of their categories is all the prefilter needs. [`Matcher::search`]
/// walks the DFA itself, so the crate's own prefilter would never be consulted.
struct Matcher {
    dfa: DFA,
    /// Categories per pattern, by pattern id.
    categories: Vec<u32>,
    /// Their union: once all are found, the rest of a file cannot add any.
    all: u32,
}

impl Prefiltered {
    /// The pass over a Rust file. Large generated files (bindings, tables) are searched only for
    /// the categories that count in them.
    pub fn of(bytes: &[u8]) -> Prefiltered {
        let bits = if is_generated(bytes) {
            GENERATED_MATCHER.search(bytes)
        } else {
            MATCHER.search(bytes)
        };
        Prefiltered {
            vocabulary: Vocabulary(bits & ALL),
            names_files: bits & NAMES_FILES != 0,
        }
    }
}

impl Vocabulary {
    /// The categories of every pattern that occurs in `bytes`, overlapping occurrences included.
    pub fn of(bytes: &[u8]) -> Vocabulary {
        Vocabulary(MATCHER.search(bytes) & ALL)
    }

    pub fn has(self, categories: u32) -> bool {
        self.0 & categories != 0
    }

    pub fn union(self, other: Vocabulary) -> Vocabulary {
        Vocabulary(self.0 | other.0)
    }

    pub fn bits(self) -> u32 {
        self.0
    }
}

impl Matcher {
    fn new(patterns: impl Iterator<Item = (&'static str, u32)>) -> Matcher {
        let (patterns, categories): (Vec<&str>, Vec<u32>) = patterns.unzip();
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(&patterns)
            .expect("prefilter patterns build");
        let all = categories.iter().fold(0, |all, c| all | c);
        Matcher {
            dfa,
            categories,
            all,
        }
    }

    /// The categories of every pattern that occurs in `bytes`, overlapping occurrences included.
    ///
    /// A DFA step is a memory load that depends on the one before, so one walk over a file is
    /// bound by load latency, not by how many instructions the core can run. The file is therefore
    /// walked as [`LANES`] parts at once, interleaved in one loop, which keeps that many loads in
    /// flight: about three times faster on real crates than one walk (and than the crate's own
    /// `find_iter`, which this replaced). Each part but the last runs on into the next by the
    /// longest pattern's length less one, so an occurrence that straddles a boundary is seen whole
    /// by the part it starts in; seeing one twice changes no union. Measured alternatives: SIMD
    /// ("Teddy") searchers over a lower-cased copy, in groups of 64 patterns, were slower (short
    /// code words give too many candidate positions), and so were the NFAs; even for the few
    /// patterns of generated files, Teddy over a lower-cased copy took a third longer than this.
    fn search(&self, bytes: &[u8]) -> u32 {
        let dfa = &self.dfa;
        let start = dfa
            .start_state(Anchored::No)
            .expect("the DFA is built for unanchored searches");
        let overlap = dfa.max_pattern_len() - 1;
        let part = bytes.len() / LANES;
        // Small files in one walk: the lanes would be mostly overlap.
        if part < 2 * overlap {
            return self.walk(start, bytes, 0);
        }
        // Parts `i < LANES - 1` are `bytes[i * part..i * part + part + overlap]`; the last runs to
        // the end of the file, and is at least as long as `part`, so `common` covers every lane
        // but the longer of the two lengths.
        let last = &bytes[(LANES - 1) * part..];
        let common = (part + overlap).min(last.len());
        let lane = |i: usize| &bytes[i * part..i * part + common];
        let mut states = [start; LANES];
        let mut set = 0;
        for (((&b0, &b1), &b2), &b3) in lane(0).iter().zip(lane(1)).zip(lane(2)).zip(lane(3)) {
            states[0] = dfa.next_state(Anchored::No, states[0], b0);
            states[1] = dfa.next_state(Anchored::No, states[1], b1);
            states[2] = dfa.next_state(Anchored::No, states[2], b2);
            states[3] = dfa.next_state(Anchored::No, states[3], b3);
            // Match states are the only special states of an unanchored search without a
            // prefilter, and they are rare: one test for all four lanes.
            if states.iter().any(|&sid| dfa.is_special(sid)) {
                for &sid in &states {
                    set |= self.categories_at(sid);
                }
                if set == self.all {
                    return set;
                }
            }
        }
        // What is left of each part, one lane at a time: the overlap of the first three, and
        // whatever the last part has beyond them.
        for (i, &state) in states.iter().enumerate() {
            let end = if i == LANES - 1 {
                bytes.len()
            } else {
                i * part + part + overlap
            };
            set = self.walk(state, &bytes[i * part + common..end], set);
        }
        set
    }

    /// Walks `bytes` from `state`, adding the categories of every match to `set`.
    fn walk(&self, mut state: StateID, bytes: &[u8], mut set: u32) -> u32 {
        for &byte in bytes {
            state = self.dfa.next_state(Anchored::No, state, byte);
            if self.dfa.is_special(state) {
                set |= self.categories_at(state);
            }
        }
        set
    }

    /// The categories of the patterns that end at a DFA state; none for a state that is not a
    /// match.
    fn categories_at(&self, state: StateID) -> u32 {
        let dfa = &self.dfa;
        // An unanchored search for every occurrence never stops, so it never enters the dead
        // state.
        debug_assert!(!dfa.is_dead(state));
        if !dfa.is_match(state) {
            return 0;
        }
        (0..dfa.match_len(state)).fold(0, |set, i| {
            set | self.categories[dfa.match_pattern(state, i).as_usize()]
        })
    }
}

/// Categories that count in generated files (FFI bindings, tables), whose API names
/// (`CreateProcessW`, `getaddrinfo`, `WinHttpOpen`) are declarations, not uses.
pub const IN_GENERATED: u32 = MINER | EXFIL | LOAD_TIME;

/// Smallest file treated as generated: padding a payload to this size to hide it would still
/// leave its mining, hook and exfiltration vocabulary visible.
const MIN_GENERATED_SIZE: usize = 64 * 1024;

/// Whether a file is large generated code: mostly foreign-function declarations (`extern "C" {…}`,
/// `link!(…)`), or marked as generated in its first lines (`@generated`, rust-bindgen's header).
pub fn is_generated(bytes: &[u8]) -> bool {
    if bytes.len() < MIN_GENERATED_SIZE {
        return false;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let marked = GENERATED_MARKERS
        .iter()
        .any(|marker| memchr::memmem::find(head, marker.as_bytes()).is_some());
    if marked {
        return true;
    }
    let count = |needle: &[u8]| memchr::memmem::find_iter(bytes, needle).take(4).count();
    count(b"link!(") + count(b"extern \"") >= 4
}

const ALL: u32 = ((1 << 21) - 1) | ROTATE;

/// Parts of a file [`Matcher::search`] walks at once (its loop is written out for four). Four
/// measured fastest: two and three leave load latency unused, and six or eight were slower.
const LANES: usize = 4;

/// The categories whose files must be parsed for a target whose files together have `vocabulary`:
/// those of every finding the vocabulary could add up to. Zero if none could.
pub fn categories_to_parse(vocabulary: Vocabulary) -> u32 {
    let v = vocabulary;
    let mut needed = 0;
    let reach = NET | SPAWN | EXFIL;
    for needs in [SENSITIVE, ENV, HOST] {
        if v.has(needs) && v.has(reach) {
            needed |= needs | reach;
        }
    }
    // Hunting for key material walks directories.
    if v.has(SENSITIVE) && v.has(reach) {
        needed |= WALK;
    }
    if v.has(WRITE) && v.has(EXEC | SPAWN) {
        needed |= WRITE | EXEC | SPAWN | NET | DECODE | INCLUDE;
    }
    // Commands from the network run by a shell, or a shell on a socket; code from the network
    // loaded as a library or a WebAssembly module.
    if v.has(NET) && v.has(SPAWN | EXEC) {
        needed |= NET | SPAWN | EXEC | WRITE | HOST;
    }
    if v.has(PERSIST) && v.has(WRITE | SPAWN) {
        needed |= PERSIST | WRITE | SPAWN | NET;
    }
    if v.has(DECODE) && v.has(NET | SPAWN | SENSITIVE | EXFIL | PERSIST) {
        needed |= DECODE | NET | SPAWN | SENSITIVE | EXFIL | PERSIST;
    }
    if v.has(MINER) {
        needed |= MINER | SPAWN | NET;
    }
    // An exfiltration service, or a whole repository pushed, where programs are started or
    // connections made.
    if v.has(EXFIL) && v.has(SPAWN | NET) {
        needed |= EXFIL | SPAWN | NET;
    }
    if v.has(CLIPBOARD) {
        needed |= CLIPBOARD | SPAWN | NET;
    }
    if v.has(DESTROY) && v.has(LOCALE | CONDITION | HOST | NET) {
        needed |= DESTROY | LOCALE | CONDITION | WALK | HOST | NET;
    }
    // Files found by a walk and written over, where the code asks where the machine is.
    if v.has(LOCALE) && v.has(WALK) && v.has(WRITE) {
        needed |= LOCALE | WALK | WRITE | DESTROY | CONDITION | HOST;
    }
    // Walks of the user's own directories, and what is done with what they find (sent away,
    // overwritten).
    if v.has(WALK) && v.has(DESTROY | ENV) && v.has(NET | SPAWN | EXFIL | WRITE) {
        needed |= WALK | DESTROY | ENV | NET | SPAWN | EXFIL | WRITE;
    }
    // A walk and a way out: what the walk finds may be what is sent.
    if v.has(WALK) && v.has(NET | EXFIL) {
        needed |= WALK | NET | SPAWN | EXFIL;
    }
    // A command line or an address kept in base64: what decodes may be anything.
    if v.has(ENCODED) {
        needed |= ENCODED | NET | SPAWN | DECODE;
    }
    if v.has(REVERSED) {
        needed |= REVERSED | NET | SPAWN | DECODE;
    }
    // Everything in the working directory deleted by a command line.
    if v.has(WIPE) {
        needed |= WIPE | DESTROY | SPAWN;
    }
    if v.has(LOAD_TIME) {
        needed |= ALL;
    }
    needed
}

/// The categories whose files are parsed in the second round, when the first found signals that
/// need a partner.
pub const PARTNERS: u32 = NET | SPAWN | WRITE | EXEC | EXFIL;

/// Whether a file's own vocabulary earns it a place in the first round (build scripts and
/// procedural macros are always read). Secrets, persistence, mining, load-time hooks and
/// exfiltration services are rare enough to read every file that names them, and so are checks
/// of the locale and of the clipboard and command lines that wipe the working directory; deleting trees or finding the home directory count in a
/// file that also reads the clock or draws a random number; environment variables, host
/// details and decoding are common in ordinary code (configuration, parsers, codecs), so they
/// count only in a file that also reaches out or runs things, as do writes next to permission
/// changes or processes, and so do processes next to the network.
pub fn first_round(v: Vocabulary) -> bool {
    v.has(
        SENSITIVE
            | PERSIST
            | MINER
            | LOAD_TIME
            | EXFIL
            | LOCALE
            | CLIPBOARD
            | WIPE
            | ENCODED
            | REVERSED,
    ) || (v.has(DESTROY) && v.has(CONDITION | HOST | NET))
        || (v.has(ENV | HOST | DECODE) && v.has(NET | SPAWN | EXFIL))
        || (v.has(WRITE) && v.has(SPAWN | EXEC))
        || (v.has(NET) && v.has(SPAWN | EXEC))
        || (v.has(WALK) && v.has(DESTROY | ENV) && v.has(NET | SPAWN | EXFIL | WRITE))
        || (v.has(WALK) && v.has(NET | EXFIL))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An indicator kept spelled backwards is rare text: the file is read in the first round.
    #[test]
    fn reversed_indicators_are_found() {
        let reversed: String = "x = new CoinHive.Anonymous('k'); fetch('https://relay.example/')"
            .chars()
            .rev()
            .collect();
        let literal = format!("const HELPER_REV: &str = \"{reversed}\";");
        let vocabulary = Prefiltered::of(literal.as_bytes()).vocabulary;
        assert!(vocabulary.has(REVERSED));
        assert!(first_round(vocabulary));
        assert!(
            !Prefiltered::of(b"const URL: &str = \"https://example.org/\";")
                .vocabulary
                .has(REVERSED)
        );
    }

    /// Whatever precedes and follows an indicator, one of its spellings is in the base64 of the
    /// whole, so a file keeping it encoded is read.
    #[test]
    fn base64_spellings_are_found_at_every_alignment() {
        use base64::Engine;
        for word in PREFILTER_BASE64_WORDS {
            let spellings = base64_spellings(word.as_bytes());
            for before in 0..6 {
                for after in 0..4 {
                    let text = format!("{}{word}{}", "P".repeat(before), "=".repeat(after));
                    let encoded = base64::engine::general_purpose::STANDARD.encode(&text);
                    assert!(
                        spellings.iter().any(|s| encoded.contains(s.as_str())),
                        "{word} with {before} before, {after} after: {encoded} {spellings:?}"
                    );
                }
            }
        }
        let literal = format!(
            "const HINT: &str = \"{}\";",
            base64::engine::general_purpose::STANDARD.encode("POOL=stratum+ssl://192.0.2.9:443")
        );
        assert!(Prefiltered::of(literal.as_bytes()).vocabulary.has(ENCODED));
        assert!(!Prefiltered::of(b"const HINT: &str = \"plain text\";")
            .vocabulary
            .has(ENCODED));
    }

    #[test]
    fn files_that_pull_others_in_are_told_apart() {
        let names = |text: &[u8]| Prefiltered::of(text).names_files;
        assert!(names(b"include!(concat!(env!(\"OUT_DIR\"), \"/gen.rs\"));"));
        assert!(names(b"#[path = \"imp/unix.rs\"]\nmod imp;"));
        assert!(!names(
            b"include_str!(\"../README.md\"); #[cfg(unix)] mod imp;"
        ));
        // Not a category: it never reaches the vocabulary.
        assert_eq!(Prefiltered::of(b"include!(\"x.rs\");").vocabulary.bits(), 0);
        let generated = format!(
            "{}include!(\"more.rs\");",
            "extern \"C\" { fn f(); }\n".repeat(4000)
        );
        assert!(is_generated(generated.as_bytes()));
        assert!(names(generated.as_bytes()));
    }

    #[test]
    fn generated_files_count_only_their_categories() {
        let bindings = "extern \"C\" { fn CreateProcessW(); fn getaddrinfo(); }\n".repeat(2000);
        assert!(is_generated(bindings.as_bytes()));
        assert_eq!(Prefiltered::of(bindings.as_bytes()).vocabulary.bits(), 0);
        // Wherever the word falls in the file.
        for at in [
            0,
            bindings.len() / 4 - 3,
            bindings.len() / 2,
            bindings.len(),
        ] {
            let mut text = bindings.clone();
            text.insert_str(at, "STRATUM+tcp://pool:3333");
            assert_eq!(Prefiltered::of(text.as_bytes()).vocabulary.bits(), MINER);
        }
    }

    #[test]
    fn vocabulary_and_combinations() {
        let v =
            Vocabulary::of(b"use std::fs; fn f() { fs::write(p, d); Command::new(p).spawn(); }");
        assert!(v.has(WRITE) && v.has(SPAWN));
        assert!(categories_to_parse(v) & WRITE != 0);
        let plain = Vocabulary::of(b"pub fn add(a: u32, b: u32) -> u32 { a + b }");
        assert_eq!(plain.bits(), 0);
        assert_eq!(categories_to_parse(plain), 0);
        // One capability alone needs no parsing.
        assert_eq!(categories_to_parse(Vocabulary::of(b"reqwest::get(url)")), 0);
        assert_ne!(categories_to_parse(Vocabulary::of(b"stratum+tcp://")), 0);
    }

    /// The interleaved walk finds what a plain search for every occurrence finds, wherever an
    /// occurrence falls against the parts' boundaries, in any case.
    #[test]
    fn vocabulary_is_every_occurrence_across_part_boundaries() {
        let reference = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(PATTERNS.iter().map(|(p, _)| p))
            .expect("patterns build");
        let expected = |bytes: &[u8]| {
            reference
                .find_overlapping_iter(bytes)
                .fold(0, |set, m| set | PATTERNS[m.pattern().as_usize()].1)
        };
        let filler = b"fn add(a: u32, b: u32) -> u32 { a + b } // nothing to see\n";
        let overlap = MATCHER.dfa.max_pattern_len() - 1;
        for len in [LANES * 2 * overlap, LANES * 2 * overlap + 3, 5000] {
            let base: Vec<u8> = filler.iter().cycle().take(len).copied().collect();
            assert_eq!(MATCHER.search(&base), 0);
            let part = len / LANES;
            for (index, (pattern, categories)) in PATTERNS.iter().enumerate() {
                let pattern = if index % 2 == 0 {
                    pattern.to_ascii_uppercase()
                } else {
                    pattern.to_string()
                };
                let n = pattern.len();
                let mut starts = vec![0, len - n];
                for boundary in (1..LANES).map(|i| i * part) {
                    starts.extend([boundary - n, boundary - n / 2 - 1, boundary - 1, boundary]);
                }
                for start in starts {
                    let mut text = base.clone();
                    text[start..start + n].copy_from_slice(pattern.as_bytes());
                    let found = MATCHER.search(&text);
                    assert_eq!(found, expected(&text), "{pattern:?} at {start} of {len}");
                    assert_eq!(found & categories, *categories, "{pattern:?} at {start}");
                }
            }
        }
    }
}
