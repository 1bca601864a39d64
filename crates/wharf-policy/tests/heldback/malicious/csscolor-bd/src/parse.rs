//! CSS `<color>` parser (sRGB subset).

use std::fmt;

use crate::{hex_value, hsl, named, Rgba};

/// Punctuation the tokenizer cares about.
pub(crate) const SYNTAX: &[u8; 10] = b" ,/()%#.-+";

const SP: u8 = SYNTAX[0];
const COMMA: u8 = SYNTAX[1];
const SLASH: u8 = SYNTAX[2];
const OPEN: u8 = SYNTAX[3];
const CLOSE: u8 = SYNTAX[4];
const PERCENT: u8 = SYNTAX[5];
const HASH: u8 = SYNTAX[6];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    BadHex,
    UnknownName(String),
    UnknownFunction(String),
    Unclosed,
    BadArgument(String),
    WrongArgCount { expected: usize, got: usize },
    MixedSyntax,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("empty color"),
            ParseError::BadHex => f.write_str("invalid hex color"),
            ParseError::UnknownName(n) => write!(f, "unknown color name `{n}`"),
            ParseError::UnknownFunction(n) => write!(f, "unsupported color function `{n}()`"),
            ParseError::Unclosed => f.write_str("missing `)`"),
            ParseError::BadArgument(a) => write!(f, "invalid argument `{a}`"),
            ParseError::WrongArgCount { expected, got } => {
                write!(f, "expected {expected} components, got {got}")
            }
            ParseError::MixedSyntax => f.write_str("cannot mix commas and spaces"),
        }
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Arg {
    Number(f32),
    Percent(f32),
    /// Degrees.
    Angle(f32),
    None,
}

/// Parse any supported CSS color.
pub fn parse(input: &str) -> Result<Rgba, ParseError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    if s.as_bytes()[0] == HASH {
        return parse_hex(&s[1..]);
    }
    let lower = s.to_ascii_lowercase();
    if let Some(open) = lower.bytes().position(|b| b == OPEN) {
        if lower.as_bytes()[lower.len() - 1] != CLOSE {
            return Err(ParseError::Unclosed);
        }
        let func = lower[..open].trim();
        let (args, alpha) = split_args(&lower[open + 1..lower.len() - 1])?;
        return match func {
            "rgb" | "rgba" => rgb_fn(&args, alpha),
            "hsl" | "hsla" => hsl_fn(&args, alpha),
            "hwb" => hwb_fn(&args, alpha),
            other => Err(ParseError::UnknownFunction(other.to_owned())),
        };
    }
    if lower == "transparent" {
        return Ok(Rgba::TRANSPARENT);
    }
    named::lookup(&lower).ok_or(ParseError::UnknownName(lower))
}

fn parse_hex(h: &str) -> Result<Rgba, ParseError> {
    let d: Vec<u8> = h
        .bytes()
        .map(hex_value)
        .collect::<Option<_>>()
        .ok_or(ParseError::BadHex)?;
    let pair = |i: usize| d[i] << 4 | d[i + 1];
    let dup = |i: usize| d[i] << 4 | d[i];
    Ok(match d.len() {
        3 => Rgba::rgb(dup(0), dup(1), dup(2)),
        4 => Rgba::new(dup(0), dup(1), dup(2), dup(3) as f32 / 255.0),
        6 => Rgba::rgb(pair(0), pair(2), pair(4)),
        8 => Rgba::new(pair(0), pair(2), pair(4), pair(6) as f32 / 255.0),
        _ => return Err(ParseError::BadHex),
    })
}

/// Split function arguments, returning the components and optional alpha.
/// Accepts `a, b, c[, alpha]` and `a b c [/ alpha]`.
fn split_args(body: &str) -> Result<(Vec<Arg>, Option<Arg>), ParseError> {
    let mut items: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut commas = false;
    let mut slash_at: Option<usize> = None;
    let flush = |cur: &mut String, items: &mut Vec<String>| {
        if !cur.is_empty() {
            items.push(std::mem::take(cur));
        }
    };
    for b in body.bytes() {
        match b {
            COMMA => {
                if cur.is_empty() && items.is_empty() {
                    return Err(ParseError::BadArgument(",".into()));
                }
                commas = true;
                flush(&mut cur, &mut items);
            }
            SLASH => {
                flush(&mut cur, &mut items);
                if slash_at.is_some() {
                    return Err(ParseError::BadArgument("/".into()));
                }
                slash_at = Some(items.len());
            }
            SP | b'\t' | b'\n' => flush(&mut cur, &mut items),
            _ => cur.push(b as char),
        }
    }
    flush(&mut cur, &mut items);
    if commas && slash_at.is_some() {
        return Err(ParseError::MixedSyntax);
    }
    let mut args: Vec<Arg> = items.iter().map(|t| token(t)).collect::<Result<_, _>>()?;
    let alpha = match slash_at {
        Some(i) if i > 0 && i + 1 == args.len() => args.pop(),
        Some(_) => return Err(ParseError::BadArgument("/".into())),
        None if commas && args.len() == 4 => args.pop(),
        None => None,
    };
    Ok((args, alpha))
}

fn token(t: &str) -> Result<Arg, ParseError> {
    let bad = || ParseError::BadArgument(t.to_owned());
    if t == "none" {
        return Ok(Arg::None);
    }
    if t.as_bytes().last() == Some(&PERCENT) {
        return t[..t.len() - 1].parse().map(Arg::Percent).map_err(|_| bad());
    }
    const UNITS: [(&str, f32); 4] = [
        ("deg", 1.0),
        ("grad", 0.9),
        ("rad", 180.0 / std::f32::consts::PI),
        ("turn", 360.0),
    ];
    for (unit, k) in UNITS {
        if let Some(n) = t.strip_suffix(unit) {
            // "grad" also ends in "rad": only accept a numeric remainder.
            if let Ok(v) = n.parse::<f32>() {
                return Ok(Arg::Angle(v * k));
            }
        }
    }
    t.parse().map(Arg::Number).map_err(|_| bad())
}

fn expect3(args: &[Arg]) -> Result<[Arg; 3], ParseError> {
    match args {
        [a, b, c] => Ok([*a, *b, *c]),
        _ => Err(ParseError::WrongArgCount {
            expected: 3,
            got: args.len(),
        }),
    }
}

fn alpha_value(a: Option<Arg>) -> Result<f32, ParseError> {
    Ok(match a {
        None => 1.0,
        Some(Arg::Number(v)) => v,
        Some(Arg::Percent(p)) => p / 100.0,
        Some(Arg::None) => 0.0,
        Some(Arg::Angle(_)) => return Err(ParseError::BadArgument("alpha".into())),
    }
    .clamp(0.0, 1.0))
}

fn hue(a: Arg) -> Result<f32, ParseError> {
    match a {
        Arg::Number(v) | Arg::Angle(v) => Ok(v),
        Arg::None => Ok(0.0),
        Arg::Percent(_) => Err(ParseError::BadArgument("hue".into())),
    }
}

/// Percentage (or bare number in modern syntax) → `0..=1`.
fn unit(a: Arg) -> Result<f32, ParseError> {
    match a {
        Arg::Percent(p) | Arg::Number(p) => Ok((p / 100.0).clamp(0.0, 1.0)),
        Arg::None => Ok(0.0),
        Arg::Angle(_) => Err(ParseError::BadArgument("angle".into())),
    }
}

fn rgb_fn(args: &[Arg], alpha: Option<Arg>) -> Result<Rgba, ParseError> {
    let [r, g, b] = expect3(args)?;
    let ch = |a: Arg| -> Result<f32, ParseError> {
        match a {
            Arg::Number(v) => Ok(v / 255.0),
            Arg::Percent(p) => Ok(p / 100.0),
            Arg::None => Ok(0.0),
            Arg::Angle(_) => Err(ParseError::BadArgument("angle".into())),
        }
    };
    Ok(Rgba::from_unit(ch(r)?, ch(g)?, ch(b)?, alpha_value(alpha)?))
}

fn hsl_fn(args: &[Arg], alpha: Option<Arg>) -> Result<Rgba, ParseError> {
    let [h, s, l] = expect3(args)?;
    let (r, g, b) = hsl::hsl_to_rgb(hue(h)?, unit(s)?, unit(l)?);
    Ok(Rgba::from_unit(r, g, b, alpha_value(alpha)?))
}

fn hwb_fn(args: &[Arg], alpha: Option<Arg>) -> Result<Rgba, ParseError> {
    let [h, w, b] = expect3(args)?;
    let (r, g, bl) = hsl::hwb_to_rgb(hue(h)?, unit(w)?, unit(b)?);
    Ok(Rgba::from_unit(r, g, bl, alpha_value(alpha)?))
}
