//! Local result history: `target/benchtrend/results.tsv`.
//!
//! One line per result: `commit \t dirty \t digest \t id \t median \t mad \t n`.

use crate::provenance::Provenance;
use crate::stats::Summary;
use crate::Record;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;

pub(crate) fn dir(prov: &Provenance) -> PathBuf {
    prov.target_dir().join("benchtrend")
}

pub(crate) fn save(records: &[Record], prov: &Provenance) -> io::Result<()> {
    let d = dir(prov);
    fs::create_dir_all(&d)?;
    let mut f = OpenOptions::new().create(true).append(true).open(d.join("results.tsv"))?;
    for r in records {
        writeln!(
            f,
            "{}\t{}\t{:016x}\t{}\t{}\t{}\t{}",
            prov.commit.as_deref().unwrap_or("-"),
            prov.dirty as u8,
            prov.digest,
            r.id,
            r.summary.median,
            r.summary.mad,
            r.summary.n
        )?;
    }
    Ok(())
}

/// Most recent result for `id` from a *different* clean commit.
pub(crate) fn baseline(id: &str, prov: &Provenance) -> Option<Summary> {
    let text = fs::read_to_string(dir(prov).join("results.tsv")).ok()?;
    text.lines().rev().find_map(|line| {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 7 || f[3] != id || f[1] != "0" {
            return None;
        }
        if Some(f[0]) == prov.commit.as_deref() && !prov.dirty {
            return None;
        }
        let median = f[4].parse().ok()?;
        let mad = f[5].parse().ok()?;
        let n = f[6].parse().ok()?;
        Some(Summary { n, median, mad, min: median, max: median })
    })
}
