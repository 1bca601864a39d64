//! Built-in unit definitions.
//!
//! Every unit is expressed relative to the coherent SI unit of its
//! dimension (`value_si = value * factor + offset`). The order of this
//! table is part of the data format: `data/aliases.txt` refers to units by
//! their position, so new units must only ever be appended.

use std::fmt;

/// Physical dimension of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Length,
    Mass,
    Time,
    Temperature,
    Volume,
    Area,
    Speed,
    Pressure,
    Energy,
    Power,
    Data,
}

impl Dimension {
    /// Symbol of the SI (or IEC, for data) base unit of this dimension.
    pub fn base_symbol(self) -> &'static str {
        match self {
            Dimension::Length => "m",
            Dimension::Mass => "kg",
            Dimension::Time => "s",
            Dimension::Temperature => "K",
            Dimension::Volume => "L",
            Dimension::Area => "m2",
            Dimension::Speed => "m/s",
            Dimension::Pressure => "Pa",
            Dimension::Energy => "J",
            Dimension::Power => "W",
            Dimension::Data => "B",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Dimension::Length => "length",
            Dimension::Mass => "mass",
            Dimension::Time => "time",
            Dimension::Temperature => "temperature",
            Dimension::Volume => "volume",
            Dimension::Area => "area",
            Dimension::Speed => "speed",
            Dimension::Pressure => "pressure",
            Dimension::Energy => "energy",
            Dimension::Power => "power",
            Dimension::Data => "data size",
        };
        f.write_str(s)
    }
}

/// Which measurement system a unit belongs to, for localized display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    Metric,
    UsCustomary,
    Both,
}

/// A single unit definition.
#[derive(Debug, Clone, Copy)]
pub struct UnitDef {
    pub symbol: &'static str,
    pub name: &'static str,
    pub dim: Dimension,
    pub factor: f64,
    pub offset: f64,
    pub system: System,
}

const fn u(symbol: &'static str, name: &'static str, dim: Dimension, factor: f64, system: System) -> UnitDef {
    UnitDef { symbol, name, dim, factor, offset: 0.0, system }
}

const fn ut(symbol: &'static str, name: &'static str, factor: f64, offset: f64, system: System) -> UnitDef {
    UnitDef { symbol, name, dim: Dimension::Temperature, factor, offset, system }
}

use Dimension::*;
use System::*;

/// The built-in unit table. Append only (see module docs).
pub static UNITS: &[UnitDef] = &[
    u("m", "metre", Length, 1.0, Metric),
    u("km", "kilometre", Length, 1_000.0, Metric),
    u("cm", "centimetre", Length, 0.01, Metric),
    u("mm", "millimetre", Length, 0.001, Metric),
    u("um", "micrometre", Length, 1e-6, Metric),
    u("nmi", "nautical mile", Length, 1_852.0, Both),
    u("mi", "mile", Length, 1_609.344, UsCustomary),
    u("yd", "yard", Length, 0.9144, UsCustomary),
    u("ft", "foot", Length, 0.3048, UsCustomary),
    u("in", "inch", Length, 0.0254, UsCustomary),
    u("kg", "kilogram", Mass, 1.0, Metric),
    u("g", "gram", Mass, 0.001, Metric),
    u("mg", "milligram", Mass, 1e-6, Metric),
    u("t", "tonne", Mass, 1_000.0, Metric),
    u("lb", "pound", Mass, 0.453_592_37, UsCustomary),
    u("oz", "ounce", Mass, 0.028_349_523_125, UsCustomary),
    u("st", "stone", Mass, 6.350_293_18, UsCustomary),
    u("s", "second", Time, 1.0, Both),
    u("min", "minute", Time, 60.0, Both),
    u("h", "hour", Time, 3_600.0, Both),
    u("d", "day", Time, 86_400.0, Both),
    u("wk", "week", Time, 604_800.0, Both),
    ut("K", "kelvin", 1.0, 0.0, Metric),
    ut("degC", "degree celsius", 1.0, 273.15, Metric),
    ut("degF", "degree fahrenheit", 5.0 / 9.0, 273.15 - 32.0 * 5.0 / 9.0, UsCustomary),
    u("L", "litre", Volume, 1.0, Metric),
    u("mL", "millilitre", Volume, 0.001, Metric),
    u("gal", "us gallon", Volume, 3.785_411_784, UsCustomary),
    u("qt", "us quart", Volume, 0.946_352_946, UsCustomary),
    u("floz", "us fluid ounce", Volume, 0.029_573_529_562_5, UsCustomary),
    u("m2", "square metre", Area, 1.0, Metric),
    u("ha", "hectare", Area, 10_000.0, Metric),
    u("ac", "acre", Area, 4_046.856_422_4, UsCustomary),
    u("m/s", "metre per second", Speed, 1.0, Metric),
    u("km/h", "kilometre per hour", Speed, 1_000.0 / 3_600.0, Metric),
    u("mph", "mile per hour", Speed, 0.447_04, UsCustomary),
    u("kn", "knot", Speed, 1_852.0 / 3_600.0, Both),
    u("Pa", "pascal", Pressure, 1.0, Metric),
    u("kPa", "kilopascal", Pressure, 1_000.0, Metric),
    u("bar", "bar", Pressure, 100_000.0, Metric),
    u("psi", "pound per square inch", Pressure, 6_894.757_293_168, UsCustomary),
    u("atm", "standard atmosphere", Pressure, 101_325.0, Both),
    u("J", "joule", Energy, 1.0, Metric),
    u("kJ", "kilojoule", Energy, 1_000.0, Metric),
    u("cal", "calorie", Energy, 4.184, Both),
    u("kcal", "kilocalorie", Energy, 4_184.0, Both),
    u("Wh", "watt hour", Energy, 3_600.0, Metric),
    u("kWh", "kilowatt hour", Energy, 3_600_000.0, Metric),
    u("BTU", "british thermal unit", Energy, 1_055.055_852_62, UsCustomary),
    u("W", "watt", Power, 1.0, Metric),
    u("kW", "kilowatt", Power, 1_000.0, Metric),
    u("hp", "mechanical horsepower", Power, 745.699_871_582_270_2, UsCustomary),
    u("B", "byte", Data, 1.0, Both),
    u("kB", "kilobyte", Data, 1e3, Both),
    u("MB", "megabyte", Data, 1e6, Both),
    u("GB", "gigabyte", Data, 1e9, Both),
    u("KiB", "kibibyte", Data, 1024.0, Both),
    u("MiB", "mebibyte", Data, 1_048_576.0, Both),
    u("GiB", "gibibyte", Data, 1_073_741_824.0, Both),
    u("bit", "bit", Data, 0.125, Both),
];

/// Index of a unit in [`UNITS`] by exact symbol.
pub fn index_of(symbol: &str) -> Option<usize> {
    UNITS.iter().position(|u| u.symbol == symbol)
}

/// Preferred display unit for a dimension in a given measurement system.
pub fn preferred(dim: Dimension, system: System) -> &'static UnitDef {
    let sym = match (dim, system) {
        (Length, UsCustomary) => "ft",
        (Mass, UsCustomary) => "lb",
        (Temperature, UsCustomary) => "degF",
        (Temperature, _) => "degC",
        (Volume, UsCustomary) => "gal",
        (Area, UsCustomary) => "ac",
        (Speed, UsCustomary) => "mph",
        (Speed, _) => "km/h",
        (Pressure, UsCustomary) => "psi",
        (Energy, UsCustomary) => "BTU",
        (Power, UsCustomary) => "hp",
        (d, _) => d.base_symbol(),
    };
    &UNITS[index_of(sym).expect("preferred unit present in table")]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_unique() {
        for (i, a) in UNITS.iter().enumerate() {
            for b in &UNITS[i + 1..] {
                assert_ne!(a.symbol, b.symbol);
            }
        }
    }

    #[test]
    fn base_units_have_unit_factor() {
        for d in [Length, Mass, Time, Volume, Area, Speed, Pressure, Energy, Power, Data] {
            let u = &UNITS[index_of(d.base_symbol()).unwrap()];
            assert_eq!(u.factor, 1.0, "{}", d);
        }
    }
}
