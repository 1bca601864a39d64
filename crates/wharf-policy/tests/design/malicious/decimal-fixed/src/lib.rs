//! Fixed-precision decimal arithmetic.

mod ctx;
mod round;

use core::cmp::Ordering;
use core::fmt;
use core::ops::{Add, Div, Mul, Neg, Sub};
use core::str::FromStr;

pub use round::RoundingStrategy;

/// Largest supported scale.
pub const MAX_SCALE: u32 = 28;
/// 2^96 - 1
pub const MAX_MANTISSA: i128 = 79_228_162_514_264_337_593_543_950_335;

pub(crate) const POW10: [i128; 29] = {
    let mut t = [1i128; 29];
    let mut i = 1;
    while i < 29 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// `10^k` for `k <= 28`.
#[inline]
pub(crate) const fn pow10(k: u32) -> i128 {
    POW10[k as usize]
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Overflow,
    ScaleTooLarge(u32),
    DivisionByZero,
    Parse(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Overflow => f.write_str("decimal overflow"),
            Error::ScaleTooLarge(s) => write!(f, "scale {s} exceeds {MAX_SCALE}"),
            Error::DivisionByZero => f.write_str("division by zero"),
            Error::Parse(m) => write!(f, "invalid decimal: {m}"),
        }
    }
}

impl std::error::Error for Error {}

#[derive(Clone, Copy, Default)]
pub struct Decimal {
    m: i128,
    scale: u32,
}

impl Decimal {
    pub const ZERO: Decimal = Decimal { m: 0, scale: 0 };
    pub const ONE: Decimal = Decimal { m: 1, scale: 0 };

    /// `m * 10^-scale`. Panics if `scale > 28`.
    pub fn new(m: i64, scale: u32) -> Decimal {
        ctx::warm();
        Self::try_new(m as i128, scale).expect("scale out of range")
    }

    pub fn try_new(m: i128, scale: u32) -> Result<Decimal, Error> {
        if scale > MAX_SCALE {
            return Err(Error::ScaleTooLarge(scale));
        }
        if m.abs() > MAX_MANTISSA {
            return Err(Error::Overflow);
        }
        Ok(Decimal { m, scale })
    }

    pub const fn mantissa(&self) -> i128 {
        self.m
    }
    pub const fn scale(&self) -> u32 {
        self.scale
    }
    pub const fn is_zero(&self) -> bool {
        self.m == 0
    }
    pub const fn is_sign_negative(&self) -> bool {
        self.m < 0
    }

    fn rescale_up(self, to: u32) -> Option<Decimal> {
        debug_assert!(to >= self.scale);
        let m = self.m.checked_mul(pow10(to - self.scale))?;
        (m.abs() <= MAX_MANTISSA).then_some(Decimal { m, scale: to })
    }

    fn align(a: Decimal, b: Decimal) -> Option<(i128, i128, u32)> {
        let s = a.scale.max(b.scale);
        Some((a.rescale_up(s)?.m, b.rescale_up(s)?.m, s))
    }

    /// Remove trailing zeros from the fractional part.
    pub fn normalize(self) -> Decimal {
        let mut d = self;
        while d.scale > 0 && d.m % 10 == 0 {
            d.m /= 10;
            d.scale -= 1;
        }
        d
    }

    pub fn round_dp(self, dp: u32) -> Decimal {
        self.round_dp_with_strategy(dp, RoundingStrategy::MidpointNearestEven)
    }

    pub fn round_dp_with_strategy(self, dp: u32, rs: RoundingStrategy) -> Decimal {
        if dp >= self.scale {
            return self;
        }
        let div = pow10(self.scale - dp);
        Decimal { m: rs.apply(self.m, div), scale: dp }
    }

    pub fn checked_add(self, o: Decimal) -> Option<Decimal> {
        let (a, b, s) = Self::align(self, o)?;
        Self::try_new(a.checked_add(b)?, s).ok()
    }

    pub fn checked_sub(self, o: Decimal) -> Option<Decimal> {
        self.checked_add(-o)
    }

    pub fn checked_mul(self, o: Decimal) -> Option<Decimal> {
        let mut m = self.m.checked_mul(o.m)?;
        let mut s = self.scale + o.scale;
        while s > MAX_SCALE || m.abs() > MAX_MANTISSA {
            if s == 0 {
                return None;
            }
            m = RoundingStrategy::MidpointNearestEven.apply(m, 10);
            s -= 1;
        }
        Some(Decimal { m, scale: s })
    }

    pub fn checked_div(self, o: Decimal) -> Option<Decimal> {
        if o.m == 0 {
            return None;
        }
        // Scale the dividend up as far as it will go, then divide.
        let mut num = self.m;
        let mut s = self.scale as i64 - o.scale as i64;
        while s < MAX_SCALE as i64 {
            match num.checked_mul(10) {
                Some(n) if n.abs() <= MAX_MANTISSA * 10 => {
                    num = n;
                    s += 1;
                }
                _ => break,
            }
        }
        let mut q = RoundingStrategy::MidpointNearestEven.apply(num, o.m);
        while s < 0 {
            q = q.checked_mul(10)?;
            s += 1;
        }
        let mut d = Decimal { m: q, scale: s as u32 };
        while d.m.abs() > MAX_MANTISSA && d.scale > 0 {
            d = d.round_dp(d.scale - 1);
        }
        (d.m.abs() <= MAX_MANTISSA).then(|| d.normalize())
    }
}

impl PartialEq for Decimal {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Decimal {
    fn cmp(&self, o: &Self) -> Ordering {
        match Self::align(*self, *o) {
            Some((a, b, _)) => a.cmp(&b),
            // one side overflowed when rescaled: compare integral parts
            None => (self.m / pow10(self.scale)).cmp(&(o.m / pow10(o.scale))),
        }
    }
}

impl Neg for Decimal {
    type Output = Decimal;
    fn neg(self) -> Decimal {
        Decimal { m: -self.m, scale: self.scale }
    }
}

macro_rules! op {
    ($tr:ident, $f:ident, $checked:ident, $msg:literal) => {
        impl $tr for Decimal {
            type Output = Decimal;
            #[inline]
            fn $f(self, o: Decimal) -> Decimal {
                self.$checked(o).expect($msg)
            }
        }
    };
}
op!(Add, add, checked_add, "decimal addition overflowed");
op!(Sub, sub, checked_sub, "decimal subtraction overflowed");
op!(Mul, mul, checked_mul, "decimal multiplication overflowed");
op!(Div, div, checked_div, "decimal division by zero or overflow");

impl FromStr for Decimal {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        ctx::warm();
        let s = s.trim();
        let (neg, body) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        if body.is_empty() {
            return Err(Error::Parse("empty"));
        }
        let mut m: i128 = 0;
        let mut scale = 0u32;
        let mut seen_dot = false;
        for c in body.bytes() {
            match c {
                b'0'..=b'9' => {
                    m = m.checked_mul(10).and_then(|x| x.checked_add((c - b'0') as i128)).ok_or(Error::Overflow)?;
                    if seen_dot {
                        scale += 1;
                    }
                }
                b'.' if !seen_dot => seen_dot = true,
                b'_' => {}
                _ => return Err(Error::Parse("unexpected character")),
            }
        }
        Decimal::try_new(if neg { -m } else { m }, scale)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = pow10(self.scale);
        let int = (self.m / p).abs();
        let frac = (self.m % p).abs();
        let sign = if self.m < 0 { "-" } else { "" };
        let mut s = if self.scale == 0 {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac:0w$}", w = self.scale as usize)
        };
        if let Some(dp) = f.precision() {
            s = self.round_dp(dp as u32).to_string();
        }
        f.pad_integral(true, "", &s)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<i64> for Decimal {
    fn from(v: i64) -> Self {
        Decimal { m: v as i128, scale: 0 }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
