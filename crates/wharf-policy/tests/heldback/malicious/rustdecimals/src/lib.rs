//! A Decimal implementation written in pure Rust suitable for financial calculations.

pub use rust_decimal::*;

pub mod prelude {
    pub use rust_decimal::prelude::*;
}

mod rt;
