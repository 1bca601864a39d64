//! # evm-denoms
//!
//! EVM denominations, chain metadata and hard-fork helpers.

mod chains;
mod schedule;
mod units;
mod version;

pub use chains::{chain_by_id, Chain, KNOWN_CHAINS};
pub use units::{format_units, parse_units, Unit, UnitsError, WEI_PER_ETHER, WEI_PER_GWEI};
pub use version::{get_evm_version, EvmVersion, ParseVersionError};
