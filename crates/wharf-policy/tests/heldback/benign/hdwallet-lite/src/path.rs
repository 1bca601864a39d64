use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChildNumber(u32);

impl ChildNumber {
    pub fn raw(self) -> u32 {
        self.0
    }
    pub fn is_hardened(self) -> bool {
        self.0 >= crate::HARDENED
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DerivationPath(Vec<ChildNumber>);

#[derive(Debug, PartialEq, Eq)]
pub enum PathError {
    MissingRoot,
    BadComponent(String),
}

impl DerivationPath {
    pub fn iter(&self) -> impl Iterator<Item = &ChildNumber> {
        self.0.iter()
    }
}

impl FromStr for DerivationPath {
    type Err = PathError;
    fn from_str(s: &str) -> Result<Self, PathError> {
        let mut parts = s.split('/');
        if parts.next() != Some("m") {
            return Err(PathError::MissingRoot);
        }
        let mut v = Vec::new();
        for p in parts {
            let (num, hard) = match p.strip_suffix('\'').or_else(|| p.strip_suffix('h')) {
                Some(n) => (n, true),
                None => (p, false),
            };
            let n: u32 = num.parse().map_err(|_| PathError::BadComponent(p.into()))?;
            if n >= crate::HARDENED {
                return Err(PathError::BadComponent(p.into()));
            }
            v.push(ChildNumber(if hard { n | crate::HARDENED } else { n }));
        }
        Ok(DerivationPath(v))
    }
}
