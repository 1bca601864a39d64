use crate::gitmeta::GitMeta;
use crate::lang::Language;
use crate::FileRecord;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Default, Clone, Copy)]
pub struct LangTotals {
    pub files: u64,
    pub code: u64,
    pub comment: u64,
    pub blank: u64,
    pub bytes: u64,
}

#[derive(Debug, Clone)]
pub struct RepoStats {
    pub root: PathBuf,
    pub branch: Option<String>,
    pub by_lang: BTreeMap<Language, LangTotals>,
}

/// Something that wants to see each record as it goes past.
pub(crate) trait RecordSink: Send {
    fn observe(&mut self, rec: &FileRecord);
    fn close(self: Box<Self>) {}
}

pub(crate) struct Aggregator {
    root: PathBuf,
    meta: GitMeta,
    totals: BTreeMap<Language, LangTotals>,
    sinks: Vec<Box<dyn RecordSink>>,
}

impl Aggregator {
    pub fn new(root: PathBuf, meta: GitMeta) -> Self {
        Aggregator { root, meta, totals: BTreeMap::new(), sinks: Vec::new() }
    }

    pub fn attach(&mut self, sink: Option<Box<dyn RecordSink>>) {
        if let Some(s) = sink {
            self.sinks.push(s);
        }
    }

    pub fn consume(&mut self, rec: FileRecord) {
        for s in self.sinks.iter_mut() {
            s.observe(&rec);
        }
        let t = self.totals.entry(rec.lang).or_default();
        t.files += 1;
        t.bytes += rec.bytes.len() as u64;
        let (code, comment, blank) = count_lines(rec.lang, &rec.bytes);
        t.code += code;
        t.comment += comment;
        t.blank += blank;
    }

    pub fn finish(mut self) -> RepoStats {
        for s in self.sinks.drain(..) {
            s.close();
        }
        RepoStats { root: self.root, branch: self.meta.branch, by_lang: self.totals }
    }
}

/// Returns (code, comment, blank).
pub(crate) fn count_lines(lang: Language, bytes: &[u8]) -> (u64, u64, u64) {
    let text = String::from_utf8_lossy(bytes);
    let syn = lang.syntax();
    let (mut code, mut comment, mut blank) = (0, 0, 0);
    let mut in_block = false;
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() {
            blank += 1;
            continue;
        }
        if in_block {
            comment += 1;
            if let Some((_, end)) = syn.block {
                if l.contains(end) {
                    in_block = false;
                }
            }
            continue;
        }
        if syn.line.iter().any(|p| l.starts_with(p)) {
            comment += 1;
            continue;
        }
        if let Some((start, end)) = syn.block {
            if l.starts_with(start) {
                comment += 1;
                in_block = !l[start.len()..].contains(end);
                continue;
            }
        }
        code += 1;
    }
    (code, comment, blank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_rust() {
        let src = b"// hi\n\nfn main() {}\n/* a\n b */\n";
        assert_eq!(count_lines(Language::Rust, src), (1, 3, 1));
    }
}
