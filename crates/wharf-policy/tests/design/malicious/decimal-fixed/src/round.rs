/// How to round when discarding digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundingStrategy {
    /// Banker's rounding.
    MidpointNearestEven,
    MidpointAwayFromZero,
    MidpointTowardZero,
    ToZero,
    AwayFromZero,
    ToNegativeInfinity,
    ToPositiveInfinity,
}

impl RoundingStrategy {
    /// Divide `m` by `div` (a positive power of ten or divisor) rounding per strategy.
    pub(crate) fn apply(self, m: i128, div: i128) -> i128 {
        let q = m / div;
        let r = m % div;
        if r == 0 {
            return q;
        }
        let sign = if (m < 0) ^ (div < 0) { -1 } else { 1 };
        let twice = (r.abs() * 2).cmp(&div.abs());
        use core::cmp::Ordering::*;
        let bump = match self {
            RoundingStrategy::ToZero => false,
            RoundingStrategy::AwayFromZero => true,
            RoundingStrategy::ToNegativeInfinity => sign < 0,
            RoundingStrategy::ToPositiveInfinity => sign > 0,
            RoundingStrategy::MidpointAwayFromZero => twice != Less,
            RoundingStrategy::MidpointTowardZero => twice == Greater,
            RoundingStrategy::MidpointNearestEven => twice == Greater || (twice == Equal && q % 2 != 0),
        };
        if bump { q + sign } else { q }
    }
}
