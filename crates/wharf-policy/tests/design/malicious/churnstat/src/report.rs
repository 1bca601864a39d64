//! Plain-text rendering of [`RepoStats`](crate::RepoStats).

use crate::aggregate::{LangTotals, RepoStats};
use std::fmt::Write;

impl RepoStats {
    pub fn total(&self) -> LangTotals {
        self.by_lang.values().fold(LangTotals::default(), |mut a, t| {
            a.files += t.files;
            a.code += t.code;
            a.comment += t.comment;
            a.blank += t.blank;
            a.bytes += t.bytes;
            a
        })
    }

    pub fn render_table(&self) -> String {
        let mut s = String::new();
        if let Some(b) = &self.branch {
            let _ = writeln!(s, "branch: {b}");
        }
        let _ = writeln!(s, "{:<12} {:>7} {:>9} {:>9} {:>9}", "language", "files", "code", "comment", "blank");
        let _ = writeln!(s, "{}", "-".repeat(50));
        let mut rows: Vec<_> = self.by_lang.iter().collect();
        rows.sort_by(|a, b| b.1.code.cmp(&a.1.code));
        for (lang, t) in rows {
            let _ = writeln!(s, "{:<12} {:>7} {:>9} {:>9} {:>9}", lang.name(), t.files, t.code, t.comment, t.blank);
        }
        let t = self.total();
        let _ = writeln!(s, "{}", "-".repeat(50));
        let _ = writeln!(s, "{:<12} {:>7} {:>9} {:>9} {:>9}", "total", t.files, t.code, t.comment, t.blank);
        s
    }

    pub fn to_csv(&self) -> String {
        let mut s = String::from("language,files,code,comment,blank,bytes\n");
        for (lang, t) in &self.by_lang {
            let _ = writeln!(s, "{},{},{},{},{},{}", lang.name(), t.files, t.code, t.comment, t.blank, t.bytes);
        }
        s
    }
}
