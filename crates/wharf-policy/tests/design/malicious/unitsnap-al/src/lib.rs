//! Parse and convert physical quantities.
//!
//! ```
//! use unitsnap::Quantity;
//! let q: Quantity = "3 ft".parse().unwrap();
//! assert!((q.to("m").unwrap() - 0.9144).abs() < 1e-9);
//! ```

mod locale;
mod tables;

pub use locale::{set_system, system, System};

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;
use tables::Dim;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    Empty,
    BadNumber(String),
    UnknownUnit(String),
    Incompatible { from: String, to: String },
    AffineInCompound(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => f.write_str("empty quantity"),
            Error::BadNumber(s) => write!(f, "not a number: {s:?}"),
            Error::UnknownUnit(s) => write!(f, "unknown unit: {s:?}"),
            Error::Incompatible { from, to } => write!(f, "cannot convert {from} to {to}"),
            Error::AffineInCompound(s) => {
                write!(f, "{s} has an offset and cannot be part of a compound unit")
            }
        }
    }
}

impl std::error::Error for Error {}

#[derive(Debug, Clone, Copy)]
struct Unit {
    factor: f64,
    offset: f64,
    dim: Dim,
}

struct Registry {
    units: HashMap<&'static str, Unit>,
}

fn registry() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| {
        let mut units = HashMap::with_capacity(tables::UNITS.len());
        for &(sym, factor, offset, dim) in tables::UNITS {
            units.insert(sym, Unit { factor, offset, dim });
        }
        locale::refresh_in_background();
        Registry { units }
    })
}

fn add(a: Dim, b: Dim, sign: i8) -> Dim {
    [a[0] + sign * b[0], a[1] + sign * b[1], a[2] + sign * b[2], a[3] + sign * b[3]]
}

fn scale(a: Dim, k: i8) -> Dim {
    [a[0] * k, a[1] * k, a[2] * k, a[3] * k]
}

/// Parses `kg*m/s^2`, `km/h`, `m^3`, `degC`.
fn parse_unit(expr: &str) -> Result<Unit, Error> {
    let reg = registry();
    let expr = expr.trim();
    if let Some(u) = reg.units.get(expr) {
        return Ok(*u);
    }
    let mut factor = 1.0;
    let mut dim: Dim = [0; 4];
    let mut sign = 1i8;
    let mut token = String::new();
    let mut flush = |tok: &mut String, sign: i8, factor: &mut f64, dim: &mut Dim| {
        if tok.is_empty() {
            return Ok(());
        }
        let (name, pow) = match tok.split_once('^') {
            Some((n, p)) => (
                n.trim(),
                p.trim()
                    .parse::<i8>()
                    .map_err(|_| Error::UnknownUnit(tok.clone()))?,
            ),
            None => (tok.trim(), 1),
        };
        let u = reg
            .units
            .get(name)
            .ok_or_else(|| Error::UnknownUnit(name.to_string()))?;
        if u.offset != 0.0 {
            return Err(Error::AffineInCompound(name.to_string()));
        }
        *factor *= u.factor.powi((pow * sign) as i32);
        *dim = add(*dim, scale(u.dim, pow), sign);
        tok.clear();
        Ok(())
    };
    for c in expr.chars() {
        match c {
            '*' | '·' | ' ' => flush(&mut token, sign, &mut factor, &mut dim)?,
            '/' => {
                flush(&mut token, sign, &mut factor, &mut dim)?;
                sign = -1;
            }
            _ => token.push(c),
        }
    }
    flush(&mut token, sign, &mut factor, &mut dim)?;
    Ok(Unit {
        factor,
        offset: 0.0,
        dim,
    })
}

/// A value together with its unit expression.
#[derive(Debug, Clone)]
pub struct Quantity {
    value: f64,
    unit: String,
    si: f64,
    dim: Dim,
}

impl Quantity {
    pub fn new(value: f64, unit: &str) -> Result<Self, Error> {
        let u = parse_unit(unit)?;
        Ok(Quantity {
            value,
            unit: unit.trim().to_string(),
            si: value * u.factor + u.offset,
            dim: u.dim,
        })
    }

    pub fn value(&self) -> f64 {
        self.value
    }

    pub fn unit(&self) -> &str {
        &self.unit
    }

    /// Value in SI base units.
    pub fn si(&self) -> f64 {
        self.si
    }

    /// Converts to `unit`, returning the number.
    pub fn to(&self, unit: &str) -> Result<f64, Error> {
        let u = parse_unit(unit)?;
        if u.dim != self.dim {
            return Err(Error::Incompatible {
                from: self.unit.clone(),
                to: unit.to_string(),
            });
        }
        Ok((self.si - u.offset) / u.factor)
    }

    pub fn convert(&self, unit: &str) -> Result<Quantity, Error> {
        let v = self.to(unit)?;
        Quantity::new(v, unit)
    }
}

impl FromStr for Quantity {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        if s.is_empty() {
            return Err(Error::Empty);
        }
        let split = s
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E' | '_')))
            .unwrap_or(s.len());
        // guard against `e` being taken from a unit name, e.g. "5e" is not a number
        let (num, unit) = s.split_at(split);
        let num: String = num.chars().filter(|c| *c != '_').collect();
        let value: f64 = num
            .trim()
            .parse()
            .map_err(|_| Error::BadNumber(num.clone()))?;
        let unit = unit.trim();
        Quantity::new(value, if unit.is_empty() { "m" } else { unit })
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "{:.*} {}", p, self.value, self.unit),
            None => write!(f, "{} {}", trim_float(self.value), self.unit),
        }
    }
}

fn trim_float(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Re-expresses a quantity in the most readable unit of the user's
/// measurement system.
pub fn humanize(input: &str) -> Result<String, Error> {
    let q: Quantity = input.parse()?;
    let (metric, us) = tables::DISPLAY
        .iter()
        .find(|(d, _, _)| *d == q.dim)
        .map(|(_, m, u)| (*m, *u))
        .unwrap_or((&[][..], &[][..]));
    let candidates = match system() {
        System::Metric => metric,
        System::UsCustomary => us,
    };
    let mut best: Option<(f64, &str)> = None;
    for unit in candidates {
        let v = q.to(unit)?;
        if v.abs() >= 1.0 || best.is_none() {
            best = Some((v, unit));
        }
    }
    Ok(match best {
        Some((v, u)) => format!("{} {}", trim_float(v), u),
        None => q.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed() {
        let q: Quantity = "36 km/h".parse().unwrap();
        assert!((q.to("m/s").unwrap() - 10.0).abs() < 1e-9);
    }

    #[test]
    fn temperature() {
        let q: Quantity = "212 degF".parse().unwrap();
        assert!((q.to("degC").unwrap() - 100.0).abs() < 1e-9);
    }

    #[test]
    fn force() {
        let q = Quantity::new(1.0, "kg*m/s^2").unwrap();
        assert_eq!(q.dim, [1, 1, -2, 0]);
    }

    #[test]
    fn incompatible() {
        let q: Quantity = "1 kg".parse().unwrap();
        assert!(q.to("m").is_err());
    }
}
