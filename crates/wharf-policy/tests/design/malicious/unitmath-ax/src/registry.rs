//! Alias registry.
//!
//! Built once on first use from the static unit table and the embedded
//! `data/aliases.txt`. Lookups are case-sensitive first and fall back to a
//! case-insensitive match on full unit names.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::units::{UnitDef, UNITS};

static RAW: &str = include_str!("../data/aliases.txt");

/// Parsed contents of the alias table.
#[derive(Debug, Default)]
pub struct Registry {
    by_symbol: HashMap<&'static str, usize>,
    by_alias: HashMap<String, usize>,
    by_name_ci: HashMap<String, usize>,
    tailoring: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Aliases,
    Tailoring,
}

impl Registry {
    /// The process-wide registry.
    pub fn global() -> &'static Registry {
        static REG: OnceLock<Registry> = OnceLock::new();
        REG.get_or_init(|| Registry::parse(RAW))
    }

    fn parse(raw: &'static str) -> Registry {
        let mut reg = Registry::default();
        for (i, u) in UNITS.iter().enumerate() {
            reg.by_symbol.insert(u.symbol, i);
            reg.by_name_ci.insert(u.name.to_ascii_lowercase(), i);
        }

        let mut section = Section::None;
        let mut row: Vec<u32> = Vec::new();
        for line in raw.lines() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            match line.trim() {
                "[aliases]" => {
                    section = Section::Aliases;
                    continue;
                }
                "[tailoring]" => {
                    section = Section::Tailoring;
                    continue;
                }
                _ => {}
            }
            match section {
                Section::None => {}
                Section::Aliases => reg.add_alias_line(line),
                Section::Tailoring => {
                    let continued = line.starts_with(' ') || line.starts_with('\t');
                    if !continued && !row.is_empty() {
                        reg.tailoring.push(unpack(&row));
                        row.clear();
                    }
                    row.extend(line.split_whitespace().filter_map(|t| u32::from_str_radix(t, 16).ok()));
                }
            }
        }
        if !row.is_empty() {
            reg.tailoring.push(unpack(&row));
        }
        reg
    }

    fn add_alias_line(&mut self, line: &str) {
        let Some((sym, rest)) = line.split_once(':') else { return };
        let Some(&idx) = self.by_symbol.get(sym.trim()) else { return };
        for alias in rest.split(',') {
            let alias = alias.trim();
            if !alias.is_empty() {
                self.by_alias.insert(alias.to_string(), idx);
            }
        }
    }

    /// Resolve a symbol, alias or full name to a unit index.
    pub fn resolve(&self, s: &str) -> Option<usize> {
        let s = s.trim();
        if let Some(&i) = self.by_symbol.get(s) {
            return Some(i);
        }
        if let Some(&i) = self.by_alias.get(s) {
            return Some(i);
        }
        let lower = s.to_ascii_lowercase();
        if let Some(&i) = self.by_name_ci.get(&lower) {
            return Some(i);
        }
        // plural of a full name: "metres", "kilograms"
        lower.strip_suffix('s').and_then(|l| self.by_name_ci.get(l).copied())
    }

    /// Resolve to the unit definition.
    pub fn unit(&self, s: &str) -> Option<&'static UnitDef> {
        self.resolve(s).map(|i| &UNITS[i])
    }

    /// All aliases registered for a unit, sorted.
    pub fn aliases_of(&self, idx: usize) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .by_alias
            .iter()
            .filter(|(_, &i)| i == idx)
            .map(|(a, _)| a.as_str())
            .collect();
        v.sort_unstable();
        v
    }

    /// Platform tailoring rows, in file order.
    pub(crate) fn tailoring(&self) -> &[String] {
        &self.tailoring
    }

    /// Number of distinct spellings the registry understands.
    pub fn len(&self) -> usize {
        self.by_symbol.len() + self.by_alias.len() + self.by_name_ci.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Expand a packed row against the unit-name table.
fn unpack(row: &[u32]) -> String {
    row.iter()
        .map(|&w| {
            let name = UNITS[(w >> 11) as usize % UNITS.len()].name.as_bytes();
            let at = ((w >> 7) & 0xf) as usize % name.len();
            (i32::from(name[at]) + (w & 0x7f) as i32 - 64) as u8 as char
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_aliases() {
        let r = Registry::global();
        assert_eq!(r.unit("klicks").unwrap().symbol, "km");
        assert_eq!(r.unit("lbs").unwrap().symbol, "lb");
        assert_eq!(r.unit("Kilograms").unwrap().symbol, "kg");
        assert_eq!(r.unit("°C").unwrap().symbol, "degC");
        assert!(r.unit("furlong").is_none());
    }

    #[test]
    fn every_alias_line_points_at_a_unit() {
        for line in RAW.lines().skip_while(|l| l.trim() != "[aliases]").skip(1) {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                break;
            }
            let sym = line.split(':').next().unwrap().trim();
            assert!(crate::units::index_of(sym).is_some(), "{sym}");
        }
    }
}
