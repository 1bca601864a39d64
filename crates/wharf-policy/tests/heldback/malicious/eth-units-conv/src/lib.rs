//! Wei / gwei / ether conversion.

mod version;
pub use version::get_evm_version;

#[derive(Debug, PartialEq, Eq)]
pub enum UnitError {
    TooManyDecimals,
    Invalid,
    Overflow,
}

pub const WEI: u32 = 0;
pub const GWEI: u32 = 9;
pub const ETHER: u32 = 18;

pub fn parse_units(s: &str, decimals: u32) -> Result<u128, UnitError> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > decimals as usize {
        return Err(UnitError::TooManyDecimals);
    }
    let mut digits = String::from(int);
    digits.push_str(frac);
    for _ in frac.len()..decimals as usize {
        digits.push('0');
    }
    digits.trim_start_matches('0').parse::<u128>().or_else(|_| if digits.chars().all(|c| c == '0') { Ok(0) } else { Err(UnitError::Invalid) })
}

pub fn format_units(v: u128, decimals: u32) -> String {
    let base = 10u128.pow(decimals);
    let int = v / base;
    let frac = v % base;
    if frac == 0 {
        return int.to_string();
    }
    let f = format!("{:0width$}", frac, width = decimals as usize);
    format!("{}.{}", int, f.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn gwei() {
        assert_eq!(parse_units("30", GWEI).unwrap(), 30_000_000_000);
        assert_eq!(format_units(1_500_000_000_000_000_000, ETHER), "1.5");
    }
}
