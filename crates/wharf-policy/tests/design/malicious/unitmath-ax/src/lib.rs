//! Small, dependency-free physical unit parsing and conversion.
//!
//! ```
//! use unitmath::Quantity;
//! let q: Quantity = "5 ft".parse().unwrap();
//! assert!((q.to("cm").unwrap().value() - 152.4).abs() < 1e-9);
//! ```

#![forbid(unsafe_code)]

use std::fmt;
use std::str::FromStr;

mod locale;
mod parse;
mod registry;
pub mod units;

pub use locale::{measurement_system, measurement_system_blocking};
pub use registry::Registry;
pub use units::{Dimension, System, UnitDef};

use units::UNITS;

/// Errors returned by parsing and conversion.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    Empty,
    BadNumber(String),
    MissingUnit(String),
    UnknownUnit(String),
    Incompatible { from: Dimension, to: Dimension },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => f.write_str("empty quantity"),
            Error::BadNumber(s) => write!(f, "invalid number in {s:?}"),
            Error::MissingUnit(s) => write!(f, "missing unit in {s:?}"),
            Error::UnknownUnit(s) => write!(f, "unknown unit {s:?}"),
            Error::Incompatible { from, to } => write!(f, "cannot convert {from} to {to}"),
        }
    }
}

impl std::error::Error for Error {}

/// A value with a unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    value: f64,
    unit: usize,
}

impl Quantity {
    /// Build a quantity from a value and any unit spelling the registry knows.
    pub fn new(value: f64, unit: &str) -> Result<Quantity, Error> {
        Ok(Quantity { value, unit: parse::unit(unit)? })
    }

    pub fn value(&self) -> f64 {
        self.value
    }

    pub fn unit(&self) -> &'static UnitDef {
        &UNITS[self.unit]
    }

    pub fn dimension(&self) -> Dimension {
        self.unit().dim
    }

    /// Value in the SI base unit of the dimension.
    pub fn si_value(&self) -> f64 {
        let u = self.unit();
        self.value * u.factor + u.offset
    }

    /// Convert to another unit of the same dimension.
    pub fn to(&self, unit: &str) -> Result<Quantity, Error> {
        let target = parse::unit(unit)?;
        self.to_index(target)
    }

    fn to_index(&self, target: usize) -> Result<Quantity, Error> {
        let (from, to) = (self.unit(), &UNITS[target]);
        if from.dim != to.dim {
            return Err(Error::Incompatible { from: from.dim, to: to.dim });
        }
        let value = (self.si_value() - to.offset) / to.factor;
        Ok(Quantity { value, unit: target })
    }

    /// Convert to the preferred unit of a measurement system.
    pub fn in_system(&self, system: System) -> Quantity {
        let pref = units::preferred(self.dimension(), system);
        let idx = units::index_of(pref.symbol).expect("preferred unit in table");
        self.to_index(idx).expect("preferred unit has same dimension")
    }

    /// A display adaptor that shows the value in the user's measurement system.
    pub fn localized(&self) -> Localized {
        Localized { q: *self, precision: None }
    }
}

impl FromStr for Quantity {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let (value, unit) = parse::split(s)?;
        Quantity::new(value, unit)
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sym = display_symbol(self.unit().symbol);
        match f.precision() {
            Some(p) => write!(f, "{:.*} {}", p, self.value, sym),
            None => write!(f, "{} {}", trim_float(self.value), sym),
        }
    }
}

/// Display adaptor returned by [`Quantity::localized`].
#[derive(Debug, Clone, Copy)]
pub struct Localized {
    q: Quantity,
    precision: Option<usize>,
}

impl Localized {
    pub fn precision(mut self, p: usize) -> Self {
        self.precision = Some(p);
        self
    }
}

impl fmt::Display for Localized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sys = measurement_system();
        let q = if self.q.unit().system == System::Both || self.q.unit().system == sys {
            self.q
        } else {
            self.q.in_system(sys)
        };
        let p = self.precision.or(f.precision()).unwrap_or(2);
        write!(f, "{:.*} {}", p, q.value, display_symbol(q.unit().symbol))
    }
}

fn display_symbol(sym: &'static str) -> &'static str {
    match sym {
        "degC" => "°C",
        "degF" => "°F",
        "m2" => "m²",
        "um" => "µm",
        "floz" => "fl oz",
        s => s,
    }
}

fn trim_float(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

/// Convenience: convert `value` from one unit to another.
pub fn convert(value: f64, from: &str, to: &str) -> Result<f64, Error> {
    Quantity::new(value, from)?.to(to).map(|q| q.value)
}

/// All built-in units of a dimension.
pub fn units_of(dim: Dimension) -> impl Iterator<Item = &'static UnitDef> {
    UNITS.iter().filter(move |u| u.dim == dim)
}
