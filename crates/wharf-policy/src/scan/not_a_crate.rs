//! Uploads that are not crates: a package whose code defines nothing and which exists to carry
//! something else — documents, pictures, sound, video, archives — or prose written as comments.
//! The usage policy does not allow the registry to be used as file storage, so these are
//! refused, with the reason, instead of being flagged as squats.
//!
//! Both facts are about behaviour, not words: "defines nothing" is the item count of the
//! library, binaries and build script (`cargo new`'s template counts as nothing, as in
//! [`squat`](super::squat)); a payload is recognised by its file signature (`infer`), whatever its
//! name or extension; prose is the part of the Rust files outside every token, that is, comments.
//! A package with any real item is never judged here, so real crates that ship images, fixtures
//! or long documentation are out of this rule's reach.

use std::collections::BTreeMap;

use wharf_tarball::{Contents, Tarball};

use super::context::Context;
use super::lexer::tokenize;
use super::score::rules;
use crate::verdict::{Finding, Verdict};

/// Files smaller than this are not payloads: a favicon or a one-page test fixture proves nothing.
const MIN_PAYLOAD_BYTES: u64 = 1024;

/// Comment text in code that defines nothing, above which the package is prose and not a crate.
/// A crate-level doc comment of a placeholder is a few hundred bytes; this is pages.
const MIN_PROSE_BYTES: usize = 16 * 1024;

/// Kinds of file that are carried, not built: what `infer` recognises, less executables and
/// fonts (those are judged by the dropper rules, or are real assets of real code).
fn payload_kind(head: &[u8]) -> Option<&'static str> {
    let kind = infer::get(head)?;
    use infer::MatcherType::*;
    match kind.matcher_type() {
        Image | Video | Audio | Archive | Book | Doc => Some(kind.mime_type()),
        App | Font | Text | Custom => None,
    }
}

/// The not-a-crate finding, if the package is one. `items` is the count of real items in its
/// code, as [`squat::count_items`](super::squat::count_items) gives it.
pub fn findings(
    items: u32,
    tarball: &Tarball,
    contexts: &BTreeMap<String, Context>,
) -> Option<Finding> {
    if items > 0 {
        return None;
    }
    let mut payload: BTreeMap<&'static str, (usize, u64)> = BTreeMap::new();
    for file in &tarball.files {
        if file.size < MIN_PAYLOAD_BYTES {
            continue;
        }
        if let Some(kind) = payload_kind(&file.head) {
            let entry = payload.entry(kind).or_default();
            entry.0 += 1;
            entry.1 += file.size;
        }
    }
    let prose: usize = tarball
        .files
        .iter()
        .filter(|f| {
            contexts.get(&f.path).is_some_and(|c| {
                matches!(
                    c,
                    Context::Library | Context::ProcMacro | Context::Binary | Context::BuildScript
                )
            })
        })
        .filter_map(|f| match &f.contents {
            Contents::Kept(bytes) => Some(comment_bytes(bytes)),
            _ => None,
        })
        .sum();
    let what = if !payload.is_empty() {
        let carried: Vec<String> = payload
            .iter()
            .map(|(kind, (count, bytes))| format!("{count} {kind} file(s), {bytes} bytes"))
            .collect();
        format!("it carries {}", carried.join(", "))
    } else if prose >= MIN_PROSE_BYTES {
        format!("its Rust files hold {prose} bytes of comments and nothing else")
    } else {
        return None;
    };
    Some(Finding {
        rule: rules::NOT_A_CRATE.to_owned(),
        severity: Verdict::Reject,
        file: None,
        line: None,
        evidence: format!(
            "this is not a crate: its code defines nothing (no function, type, constant, \
             re-export or macro outside tests and `cargo new`'s template), and {what}; the \
             registry publishes code, not files"
        ),
    })
}

/// Bytes of a source outside every token: comments and the whitespace around them.
fn comment_bytes(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    let tokens = tokenize(&text);
    let in_tokens: usize = tokens.iter().map(|t| t.end - t.start).sum();
    let blank = text.bytes().filter(|b| b.is_ascii_whitespace()).count();
    text.len().saturating_sub(in_tokens + blank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_media_and_archives_are_payloads() {
        assert_eq!(
            payload_kind(b"%PDF-1.7\n%\xe2\xe3"),
            Some("application/pdf")
        );
        assert_eq!(
            payload_kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("image/png")
        );
        assert_eq!(payload_kind(b"ID3\x04\0\0\0\0\0\0"), Some("audio/mpeg"));
        assert_eq!(
            payload_kind(b"PK\x03\x04\x14\0\0\0"),
            Some("application/zip")
        );
        assert_eq!(
            payload_kind(b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom"),
            Some("video/mp4")
        );
    }

    #[test]
    fn executables_and_text_are_not_payloads() {
        assert_eq!(payload_kind(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"), None);
        assert_eq!(payload_kind(b"MZ\x90\0\x03\0\0\0"), None);
        assert_eq!(payload_kind(b"pub fn main() {}\n"), None);
    }

    #[test]
    fn comment_bytes_count_comments_only() {
        assert_eq!(comment_bytes(b"pub fn a() {}\n"), 0);
        assert_eq!(comment_bytes(b"// abc\n/* de */\n"), "//abc/*de*/".len());
        let mixed = b"//! docs\nfn x() {}\n";
        assert_eq!(comment_bytes(mixed), "//!docs".len());
    }
}
