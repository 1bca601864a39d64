//! The rule language: parsing and evaluation. Pure data, no side effects.

use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Deny,
}

/// The request attributes rules can look at.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub host: String,
    pub ip: Option<IpAddr>,
    pub headers: HashMap<String, String>,
}

impl Request {
    pub fn new(method: &str, path: &str) -> Self {
        Request {
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            ..Default::default()
        }
    }

    pub fn host(mut self, host: &str) -> Self {
        self.host = host.to_ascii_lowercase();
        self
    }

    pub fn ip(mut self, ip: &str) -> Self {
        self.ip = ip.parse().ok();
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.insert(name.to_ascii_lowercase(), value.to_string());
        self
    }

    fn field(&self, name: &str) -> Option<String> {
        match name {
            "method" => Some(self.method.clone()),
            "path" => Some(self.path.clone()),
            "host" => Some(self.host.clone()),
            "ip" => self.ip.map(|i| i.to_string()),
            n => n
                .strip_prefix("header.")
                .and_then(|h| self.headers.get(h).cloned()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Op {
    Eq,
    Ne,
    Prefix,
    Suffix,
    Contains,
    In,
}

#[derive(Debug, Clone, PartialEq)]
enum Cond {
    Cmp { field: String, op: Op, values: Vec<String> },
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub decision: Decision,
    cond: Cond,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    pub serial: u64,
    pub rules: Vec<Rule>,
    pub default: Decision,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for SyntaxError {}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Op(&'static str),
    LBracket,
    RBracket,
    Comma,
    LParen,
    RParen,
}

fn lex(s: &str, line: usize) -> Result<Vec<Tok>, SyntaxError> {
    let err = |m: &str| SyntaxError {
        line,
        message: m.to_string(),
    };
    let mut out = Vec::new();
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            ' ' | '\t' => i += 1,
            '[' => {
                out.push(Tok::LBracket);
                i += 1
            }
            ']' => {
                out.push(Tok::RBracket);
                i += 1
            }
            ',' => {
                out.push(Tok::Comma);
                i += 1
            }
            '(' => {
                out.push(Tok::LParen);
                i += 1
            }
            ')' => {
                out.push(Tok::RParen);
                i += 1
            }
            '"' => {
                let mut v = String::new();
                i += 1;
                while i < b.len() && b[i] != '"' {
                    if b[i] == '\\' && i + 1 < b.len() {
                        i += 1;
                    }
                    v.push(b[i]);
                    i += 1;
                }
                if i >= b.len() {
                    return Err(err("unterminated string"));
                }
                i += 1;
                out.push(Tok::Str(v));
            }
            '=' | '!' | '^' | '$' | '~' if i + 1 < b.len() && b[i + 1] == '=' => {
                out.push(Tok::Op(match c {
                    '=' => "==",
                    '!' => "!=",
                    '^' => "^=",
                    '$' => "$=",
                    _ => "~=",
                }));
                i += 2;
            }
            c if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' => {
                let start = i;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric() || matches!(b[i], '.' | '-' | '_'))
                {
                    i += 1;
                }
                out.push(Tok::Word(b[start..i].iter().collect()));
            }
            _ => return Err(err(&format!("unexpected character {c:?}"))),
        }
    }
    Ok(out)
}

struct P {
    toks: Vec<Tok>,
    pos: usize,
    line: usize,
}

impl P {
    fn err(&self, m: &str) -> SyntaxError {
        SyntaxError {
            line: self.line,
            message: m.to_string(),
        }
    }

    fn peek_word(&self, w: &str) -> bool {
        matches!(self.toks.get(self.pos), Some(Tok::Word(x)) if x == w)
    }

    fn or(&mut self) -> Result<Cond, SyntaxError> {
        let mut l = self.and()?;
        while self.peek_word("or") {
            self.pos += 1;
            l = Cond::Or(Box::new(l), Box::new(self.and()?));
        }
        Ok(l)
    }

    fn and(&mut self) -> Result<Cond, SyntaxError> {
        let mut l = self.unary()?;
        while self.peek_word("and") {
            self.pos += 1;
            l = Cond::And(Box::new(l), Box::new(self.unary()?));
        }
        Ok(l)
    }

    fn unary(&mut self) -> Result<Cond, SyntaxError> {
        if self.peek_word("not") {
            self.pos += 1;
            return Ok(Cond::Not(Box::new(self.unary()?)));
        }
        if self.toks.get(self.pos) == Some(&Tok::LParen) {
            self.pos += 1;
            let c = self.or()?;
            if self.toks.get(self.pos) != Some(&Tok::RParen) {
                return Err(self.err("expected `)`"));
            }
            self.pos += 1;
            return Ok(c);
        }
        self.cmp()
    }

    fn cmp(&mut self) -> Result<Cond, SyntaxError> {
        let field = match self.toks.get(self.pos) {
            Some(Tok::Word(w)) => w.clone(),
            _ => return Err(self.err("expected field name")),
        };
        self.pos += 1;
        let op = match self.toks.get(self.pos) {
            Some(Tok::Op("==")) => Op::Eq,
            Some(Tok::Op("!=")) => Op::Ne,
            Some(Tok::Op("^=")) => Op::Prefix,
            Some(Tok::Op("$=")) => Op::Suffix,
            Some(Tok::Op("~=")) => Op::Contains,
            Some(Tok::Word(w)) if w == "in" => Op::In,
            _ => return Err(self.err("expected operator")),
        };
        self.pos += 1;
        let values = if op == Op::In {
            if self.toks.get(self.pos) != Some(&Tok::LBracket) {
                return Err(self.err("expected `[`"));
            }
            self.pos += 1;
            let mut vs = Vec::new();
            loop {
                match self.toks.get(self.pos) {
                    Some(Tok::Str(s)) => vs.push(s.clone()),
                    Some(Tok::RBracket) => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.err("expected string or `]`")),
                }
                self.pos += 1;
                match self.toks.get(self.pos) {
                    Some(Tok::Comma) => self.pos += 1,
                    Some(Tok::RBracket) => {}
                    _ => return Err(self.err("expected `,` or `]`")),
                }
            }
            vs
        } else {
            match self.toks.get(self.pos) {
                Some(Tok::Str(s)) => {
                    self.pos += 1;
                    vec![s.clone()]
                }
                _ => return Err(self.err("expected string literal")),
            }
        };
        Ok(Cond::Cmp { field, op, values })
    }
}

pub fn parse(text: &str) -> Result<RuleSet, SyntaxError> {
    let mut serial = None;
    let mut default = Decision::Allow;
    let mut rules = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let l = raw.split('#').next().unwrap_or("").trim();
        if l.is_empty() {
            continue;
        }
        let (head, rest) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
        let rest = rest.trim();
        let decision = match head {
            "serial" => {
                serial = Some(rest.parse().map_err(|_| SyntaxError {
                    line,
                    message: "bad serial".into(),
                })?);
                continue;
            }
            "default" => {
                default = match rest {
                    "allow" => Decision::Allow,
                    "deny" => Decision::Deny,
                    _ => {
                        return Err(SyntaxError {
                            line,
                            message: "default must be allow or deny".into(),
                        })
                    }
                };
                continue;
            }
            "allow" => Decision::Allow,
            "deny" => Decision::Deny,
            other => {
                return Err(SyntaxError {
                    line,
                    message: format!("unknown directive `{other}`"),
                })
            }
        };
        let cond_src = rest.strip_prefix("if").ok_or(SyntaxError {
            line,
            message: "expected `if`".into(),
        })?;
        let mut p = P {
            toks: lex(cond_src, line)?,
            pos: 0,
            line,
        };
        let cond = p.or()?;
        if p.pos != p.toks.len() {
            return Err(p.err("trailing tokens"));
        }
        rules.push(Rule {
            decision,
            cond,
            line,
        });
    }
    Ok(RuleSet {
        serial: serial.ok_or(SyntaxError {
            line: 0,
            message: "missing `serial`".into(),
        })?,
        rules,
        default,
    })
}

fn ip_in_cidr(ip: &str, cidr: &str) -> bool {
    let (net, len) = match cidr.split_once('/') {
        Some((n, l)) => (n, l.parse::<u32>().ok()),
        None => (cidr, None),
    };
    match (ip.parse::<IpAddr>(), net.parse::<IpAddr>()) {
        (Ok(IpAddr::V4(a)), Ok(IpAddr::V4(b))) => {
            let len = len.unwrap_or(32).min(32);
            let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
            (u32::from(a) & mask) == (u32::from(b) & mask)
        }
        (Ok(IpAddr::V6(a)), Ok(IpAddr::V6(b))) => {
            let len = len.unwrap_or(128).min(128);
            let mask = if len == 0 { 0 } else { u128::MAX << (128 - len) };
            (u128::from(a) & mask) == (u128::from(b) & mask)
        }
        _ => false,
    }
}

fn eval(c: &Cond, r: &Request) -> bool {
    match c {
        Cond::Not(x) => !eval(x, r),
        Cond::And(a, b) => eval(a, r) && eval(b, r),
        Cond::Or(a, b) => eval(a, r) || eval(b, r),
        Cond::Cmp { field, op, values } => {
            let v = match r.field(field) {
                Some(v) => v,
                None => return *op == Op::Ne,
            };
            let x = values.first().map(String::as_str).unwrap_or("");
            match op {
                Op::Eq => v == x,
                Op::Ne => v != x,
                Op::Prefix => v.starts_with(x),
                Op::Suffix => v.ends_with(x),
                Op::Contains => v.to_ascii_lowercase().contains(&x.to_ascii_lowercase()),
                Op::In if field == "ip" => values.iter().any(|c| ip_in_cidr(&v, c)),
                Op::In => values.iter().any(|x| *x == v),
            }
        }
    }
}

impl RuleSet {
    /// First matching rule wins; otherwise the `default` directive.
    pub fn evaluate(&self, r: &Request) -> Decision {
        self.rules
            .iter()
            .find(|rule| eval(&rule.cond, r))
            .map(|rule| rule.decision)
            .unwrap_or(self.default)
    }

    /// Like [`evaluate`](Self::evaluate) but also returns the matching line.
    pub fn explain(&self, r: &Request) -> (Decision, Option<usize>) {
        match self.rules.iter().find(|rule| eval(&rule.cond, r)) {
            Some(rule) => (rule.decision, Some(rule.line)),
            None => (self.default, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
serial 42
deny  if path ^= "/admin" and not ip in ["192.0.2.0/24"]
deny  if header.user-agent ~= "sqlmap"
allow if method in ["GET", "HEAD"]
default deny
"#;

    #[test]
    fn sample() {
        let rs = parse(SAMPLE).unwrap();
        assert_eq!(rs.serial, 42);
        assert_eq!(
            rs.evaluate(&Request::new("POST", "/admin/x").ip("198.51.100.1")),
            Decision::Deny
        );
        assert_eq!(
            rs.evaluate(&Request::new("GET", "/admin/x").ip("192.0.2.9")),
            Decision::Allow
        );
        assert_eq!(rs.evaluate(&Request::new("PUT", "/x")), Decision::Deny);
    }

    #[test]
    fn cidr() {
        assert!(ip_in_cidr("203.0.113.77", "203.0.113.0/24"));
        assert!(!ip_in_cidr("203.0.114.1", "203.0.113.0/24"));
    }
}
