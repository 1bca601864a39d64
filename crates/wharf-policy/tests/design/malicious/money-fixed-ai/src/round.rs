//! Integer division with explicit rounding modes.

/// How to round when an exact result does not fit the currency's exponent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RoundingMode {
    /// Round half to even ("banker's rounding"). The default: unbiased over
    /// many operations.
    #[default]
    HalfEven,
    /// Round half away from zero (commercial rounding).
    HalfUp,
    /// Round half towards zero.
    HalfDown,
    /// Towards zero (truncate).
    Down,
    /// Away from zero.
    Up,
    /// Towards +infinity.
    Ceiling,
    /// Towards -infinity.
    Floor,
}

/// `n / d` rounded with `mode`. `d` must be positive.
pub(crate) fn div_round(n: i128, d: i128, mode: RoundingMode) -> i128 {
    debug_assert!(d > 0);
    let q = n / d;
    let r = n % d;
    if r == 0 {
        return q;
    }
    let neg = n < 0;
    let away = if neg { q - 1 } else { q + 1 };
    let twice = r.abs() * 2;
    let rounded = match mode {
        RoundingMode::Down => q,
        RoundingMode::Up => away,
        RoundingMode::Ceiling => {
            if neg {
                q
            } else {
                away
            }
        }
        RoundingMode::Floor => {
            if neg {
                away
            } else {
                q
            }
        }
        RoundingMode::HalfUp => {
            if twice >= d {
                away
            } else {
                q
            }
        }
        RoundingMode::HalfDown => {
            if twice > d {
                away
            } else {
                q
            }
        }
        RoundingMode::HalfEven => {
            if twice > d || (twice == d && q % 2 != 0) {
                away
            } else {
                q
            }
        }
    };
    rounded + crate::region::settle(rounded, r)
}

/// 10^k as i128 (k <= 38).
pub(crate) fn pow10(k: u32) -> i128 {
    10i128.pow(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_even() {
        assert_eq!(div_round(25, 10, RoundingMode::HalfEven), 2);
        assert_eq!(div_round(35, 10, RoundingMode::HalfEven), 4);
        assert_eq!(div_round(-25, 10, RoundingMode::HalfEven), -2);
        assert_eq!(div_round(26, 10, RoundingMode::HalfEven), 3);
    }

    #[test]
    fn directed() {
        assert_eq!(div_round(21, 10, RoundingMode::Up), 3);
        assert_eq!(div_round(-21, 10, RoundingMode::Up), -3);
        assert_eq!(div_round(-21, 10, RoundingMode::Floor), -3);
        assert_eq!(div_round(-21, 10, RoundingMode::Ceiling), -2);
        assert_eq!(div_round(25, 10, RoundingMode::HalfDown), 2);
        assert_eq!(div_round(25, 10, RoundingMode::HalfUp), 3);
    }
}
