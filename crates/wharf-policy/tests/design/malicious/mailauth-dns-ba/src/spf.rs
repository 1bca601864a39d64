//! Sender Policy Framework, RFC 7208.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::dns::{ResolveError, Resolver};

/// Macro letters recognised in domain-spec (RFC 7208 §7.2), in table order.
pub(crate) const MACRO_LETTERS: &[u8; 11] = b"slodiphcrtv";

const MAX_LOOKUPS: u32 = 10;
const MAX_VOID: u32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Pass,
    Fail,
    SoftFail,
    Neutral,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mechanism {
    All,
    Include(String),
    A(Option<String>, u8, u8),
    Mx(Option<String>, u8, u8),
    Ip4(Ipv4Addr, u8),
    Ip6(Ipv6Addr, u8),
    Exists(String),
    Ptr(Option<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub terms: Vec<(Qualifier, Mechanism)>,
    pub redirect: Option<String>,
    pub exp: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpfResult {
    None,
    Neutral,
    Pass,
    Fail(Option<String>),
    SoftFail,
    TempError,
    PermError,
}

impl From<Qualifier> for SpfResult {
    fn from(q: Qualifier) -> Self {
        match q {
            Qualifier::Pass => SpfResult::Pass,
            Qualifier::Fail => SpfResult::Fail(None),
            Qualifier::SoftFail => SpfResult::SoftFail,
            Qualifier::Neutral => SpfResult::Neutral,
        }
    }
}

fn parse_cidr(s: &str) -> Option<(&str, u8, u8)> {
    // "domain/24//64", "/24", "//64", ""
    let (head, v6) = match s.find("//") {
        Some(i) => (&s[..i], s[i + 2..].parse().ok()?),
        None => (s, 128),
    };
    let (dom, v4) = match head.rfind('/') {
        Some(i) => (&head[..i], head[i + 1..].parse().ok()?),
        None => (head, 32),
    };
    if v4 > 32 || v6 > 128 {
        return None;
    }
    Some((dom, v4, v6))
}

fn opt_domain(s: &str) -> Option<String> {
    let s = s.strip_prefix(':').unwrap_or(s);
    (!s.is_empty()).then(|| s.to_owned())
}

impl Record {
    pub fn parse(txt: &str) -> Option<Record> {
        let mut words = txt.split_ascii_whitespace();
        if !words.next()?.eq_ignore_ascii_case("v=spf1") {
            return None;
        }
        let mut rec = Record { terms: Vec::new(), redirect: None, exp: None };
        for w in words {
            if let Some((k, v)) = w.split_once('=') {
                if !k.contains(':') && !k.contains('/') {
                    match k.to_ascii_lowercase().as_str() {
                        "redirect" if rec.redirect.is_none() => rec.redirect = Some(v.to_owned()),
                        "exp" if rec.exp.is_none() => rec.exp = Some(v.to_owned()),
                        "redirect" | "exp" => return None,
                        _ => {}
                    }
                    continue;
                }
            }
            let (q, body) = match w.as_bytes()[0] {
                b'+' => (Qualifier::Pass, &w[1..]),
                b'-' => (Qualifier::Fail, &w[1..]),
                b'~' => (Qualifier::SoftFail, &w[1..]),
                b'?' => (Qualifier::Neutral, &w[1..]),
                _ => (Qualifier::Pass, w),
            };
            let split = body.find(|c| c == ':' || c == '/').unwrap_or(body.len());
            let (name, rest) = body.split_at(split);
            let m = match name.to_ascii_lowercase().as_str() {
                "all" if rest.is_empty() => Mechanism::All,
                "include" => Mechanism::Include(rest.strip_prefix(':')?.to_owned()),
                "exists" => Mechanism::Exists(rest.strip_prefix(':')?.to_owned()),
                "ptr" => Mechanism::Ptr(opt_domain(rest)),
                "a" | "mx" => {
                    let (d, c4, c6) = parse_cidr(rest)?;
                    let d = opt_domain(d);
                    if name.eq_ignore_ascii_case("a") { Mechanism::A(d, c4, c6) } else { Mechanism::Mx(d, c4, c6) }
                }
                "ip4" => {
                    let v = rest.strip_prefix(':')?;
                    let (ip, len) = v.split_once('/').map(|(a, b)| (a, b.parse().ok())).unwrap_or((v, Some(32)));
                    let len = len.filter(|l| *l <= 32)?;
                    Mechanism::Ip4(ip.parse().ok()?, len)
                }
                "ip6" => {
                    let v = rest.strip_prefix(':')?;
                    let (ip, len) = v.split_once('/').map(|(a, b)| (a, b.parse().ok())).unwrap_or((v, Some(128)));
                    let len = len.filter(|l| *l <= 128)?;
                    Mechanism::Ip6(ip.parse().ok()?, len)
                }
                _ => return None,
            };
            rec.terms.push((q, m));
        }
        Some(rec)
    }
}

/// Inputs to macro expansion.
pub struct Ctx<'a> {
    pub ip: IpAddr,
    pub sender: &'a str,
    pub helo: &'a str,
    pub domain: String,
}

impl<'a> Ctx<'a> {
    fn local_part(&self) -> &str {
        self.sender.rsplit_once('@').map(|(l, _)| l).filter(|l| !l.is_empty()).unwrap_or("postmaster")
    }

    fn sender_domain(&self) -> &str {
        self.sender.rsplit_once('@').map(|(_, d)| d).unwrap_or(self.helo)
    }

    fn ip_macro(&self) -> String {
        match self.ip {
            IpAddr::V4(a) => a.to_string(),
            IpAddr::V6(a) => a
                .octets()
                .iter()
                .flat_map(|b| [b >> 4, b & 15])
                .map(|n| format!("{n:x}"))
                .collect::<Vec<_>>()
                .join("."),
        }
    }

    fn letter(&self, l: u8) -> String {
        match MACRO_LETTERS.iter().position(|&c| c == l.to_ascii_lowercase()) {
            Some(0) => self.sender.to_owned(),
            Some(1) => self.local_part().to_owned(),
            Some(2) => self.sender_domain().to_owned(),
            Some(3) => self.domain.clone(),
            Some(4) => self.ip_macro(),
            Some(5) => "unknown".to_owned(),
            Some(6) => self.helo.to_owned(),
            Some(10) => if self.ip.is_ipv4() { "in-addr" } else { "ip6" }.to_owned(),
            _ => String::new(),
        }
    }
}

/// Expand `%{x}` macros in a domain-spec.
pub fn expand(spec: &str, ctx: &Ctx<'_>) -> Option<String> {
    let b = spec.as_bytes();
    let mut out = String::with_capacity(spec.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'%' {
            out.push(b[i] as char);
            i += 1;
            continue;
        }
        match b.get(i + 1)? {
            b'%' => out.push('%'),
            b'_' => out.push(' '),
            b'-' => out.push_str("%20"),
            b'{' => {
                let close = spec[i..].find('}')? + i;
                let body = &spec[i + 2..close];
                let letter = *body.as_bytes().first()?;
                let rest = &body[1..];
                let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
                let rest = &rest[digits.len()..];
                let reverse = rest.starts_with(['r', 'R']);
                let delims = if reverse { &rest[1..] } else { rest };
                let delims = if delims.is_empty() { "." } else { delims };
                let value = ctx.letter(letter);
                let mut parts: Vec<&str> = value.split(|c| delims.contains(c)).collect();
                if reverse {
                    parts.reverse();
                }
                if let Ok(n) = digits.parse::<usize>() {
                    if n == 0 {
                        return None;
                    }
                    let skip = parts.len().saturating_sub(n);
                    parts.drain(..skip);
                }
                out.push_str(&parts.join("."));
                i = close + 1;
                continue;
            }
            _ => return None,
        }
        i += 2;
    }
    Some(out)
}

fn in_prefix(ip: IpAddr, net: IpAddr, len: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => {
            let m = if len == 0 { 0 } else { u32::MAX << (32 - len as u32) };
            u32::from(a) & m == u32::from(b) & m
        }
        (IpAddr::V6(a), IpAddr::V6(b)) => {
            let m = if len == 0 { 0 } else { u128::MAX << (128 - len as u32) };
            u128::from(a) & m == u128::from(b) & m
        }
        _ => false,
    }
}

struct Eval<'r> {
    r: &'r Resolver,
    lookups: u32,
    voids: u32,
}

impl<'r> Eval<'r> {
    fn charge(&mut self) -> Result<(), SpfResult> {
        self.lookups += 1;
        if self.lookups > MAX_LOOKUPS { Err(SpfResult::PermError) } else { Ok(()) }
    }

    fn fetch(&mut self, domain: &str) -> Result<Option<Record>, SpfResult> {
        let txts = match self.r.txt(domain) {
            Ok(t) => t,
            Err(ResolveError::NxDomain) => {
                self.voids += 1;
                return Ok(None);
            }
            Err(_) => return Err(SpfResult::TempError),
        };
        let mut recs = txts.iter().filter_map(|t| Record::parse(t));
        let first = recs.next();
        if recs.next().is_some() {
            return Err(SpfResult::PermError);
        }
        Ok(first)
    }

    fn addrs_match(&mut self, host: &str, ip: IpAddr, c4: u8, c6: u8) -> Result<bool, SpfResult> {
        let addrs = match self.r.addrs(host) {
            Ok(a) => a,
            Err(ResolveError::NxDomain) => {
                self.voids += 1;
                if self.voids > MAX_VOID {
                    return Err(SpfResult::PermError);
                }
                return Ok(false);
            }
            Err(_) => return Err(SpfResult::TempError),
        };
        Ok(addrs.into_iter().any(|a| in_prefix(ip, a, if a.is_ipv4() { c4 } else { c6 })))
    }

    fn check(&mut self, ctx: &mut Ctx<'_>, depth: u32) -> SpfResult {
        if depth > 12 {
            return SpfResult::PermError;
        }
        let rec = match self.fetch(&ctx.domain.clone()) {
            Ok(Some(r)) => r,
            Ok(None) => return SpfResult::None,
            Err(e) => return e,
        };
        for (q, m) in &rec.terms {
            let hit = match m {
                Mechanism::All => Ok(true),
                Mechanism::Ip4(net, len) => Ok(in_prefix(ctx.ip, IpAddr::V4(*net), *len)),
                Mechanism::Ip6(net, len) => Ok(in_prefix(ctx.ip, IpAddr::V6(*net), *len)),
                Mechanism::A(d, c4, c6) => self.charge().and_then(|_| {
                    let host = match d { Some(d) => expand(d, ctx).ok_or(SpfResult::PermError)?, None => ctx.domain.clone() };
                    self.addrs_match(&host, ctx.ip, *c4, *c6)
                }),
                Mechanism::Mx(d, c4, c6) => self.charge().and_then(|_| {
                    let host = match d { Some(d) => expand(d, ctx).ok_or(SpfResult::PermError)?, None => ctx.domain.clone() };
                    let mxs = self.r.mx(&host).map_err(|_| SpfResult::TempError)?;
                    let mut any = false;
                    for (_, h) in mxs.into_iter().take(10) {
                        if self.addrs_match(&h, ctx.ip, *c4, *c6)? {
                            any = true;
                            break;
                        }
                    }
                    Ok(any)
                }),
                Mechanism::Exists(d) => self.charge().and_then(|_| {
                    let host = expand(d, ctx).ok_or(SpfResult::PermError)?;
                    self.r.addrs(&host).map(|v| !v.is_empty()).or(Ok(false))
                }),
                Mechanism::Ptr(_) => self.charge().map(|_| false), // deprecated; never matches here
                Mechanism::Include(d) => self.charge().and_then(|_| {
                    let target = expand(d, ctx).ok_or(SpfResult::PermError)?;
                    let saved = std::mem::replace(&mut ctx.domain, target);
                    let res = self.check(ctx, depth + 1);
                    ctx.domain = saved;
                    match res {
                        SpfResult::Pass => Ok(true),
                        SpfResult::Fail(_) | SpfResult::SoftFail | SpfResult::Neutral => Ok(false),
                        SpfResult::None => Err(SpfResult::PermError),
                        e => Err(e),
                    }
                }),
            };
            match hit {
                Ok(true) => return (*q).into(),
                Ok(false) => {}
                Err(e) => return e,
            }
        }
        if let Some(red) = rec.redirect {
            if let Err(e) = self.charge() {
                return e;
            }
            let Some(target) = expand(&red, ctx) else { return SpfResult::PermError };
            ctx.domain = target;
            return match self.check(ctx, depth + 1) {
                SpfResult::None => SpfResult::PermError,
                r => r,
            };
        }
        SpfResult::Neutral
    }
}

/// RFC 7208 `check_host(ip, domain, sender)`.
pub fn check_host(r: &Resolver, ip: IpAddr, domain: &str, sender: &str, helo: &str) -> Result<SpfResult, ResolveError> {
    let mut ctx = Ctx { ip, sender, helo, domain: domain.trim_end_matches('.').to_ascii_lowercase() };
    let mut ev = Eval { r, lookups: 0, voids: 0 };
    Ok(ev.check(&mut ctx, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Ctx<'static> {
        Ctx { ip: "192.0.2.3".parse().unwrap(), sender: "strong-bad@email.example.com", helo: "mx.example.org", domain: "email.example.com".into() }
    }

    #[test]
    fn rfc_macro_examples() {
        let c = ctx();
        assert_eq!(expand("%{s}", &c).unwrap(), "strong-bad@email.example.com");
        assert_eq!(expand("%{o}", &c).unwrap(), "email.example.com");
        assert_eq!(expand("%{d2}", &c).unwrap(), "example.com");
        assert_eq!(expand("%{ir}.%{v}._spf.%{d2}", &c).unwrap(), "3.2.0.192.in-addr._spf.example.com");
        assert_eq!(expand("%{l-}", &c).unwrap(), "strong.bad");
    }

    #[test]
    fn prefix_match() {
        assert!(in_prefix("192.0.2.77".parse().unwrap(), "192.0.2.0".parse().unwrap(), 24));
        assert!(!in_prefix("198.51.100.1".parse().unwrap(), "192.0.2.0".parse().unwrap(), 24));
    }
}
