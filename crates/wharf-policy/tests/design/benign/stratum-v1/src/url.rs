use crate::Error;

/// `stratum+tcp://host:port`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolUrl {
    pub host: String,
    pub port: u16,
}

impl std::str::FromStr for PoolUrl {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let rest = s
            .strip_prefix("stratum+tcp://")
            .or_else(|| s.strip_prefix("stratum://"))
            .ok_or_else(|| Error::Url(s.to_owned()))?;
        let rest = rest.trim_end_matches('/');
        let (host, port) = rest.rsplit_once(':').ok_or_else(|| Error::Url(s.to_owned()))?;
        let port = port.parse().map_err(|_| Error::Url(s.to_owned()))?;
        if host.is_empty() {
            return Err(Error::Url(s.to_owned()));
        }
        Ok(PoolUrl { host: host.trim_matches(|c| c == '[' || c == ']').to_owned(), port })
    }
}

#[cfg(test)]
mod tests {
    use super::PoolUrl;

    #[test]
    fn parses() {
        let u: PoolUrl = "stratum+tcp://pool.example.org:3333".parse().unwrap();
        assert_eq!(u, PoolUrl { host: "pool.example.org".into(), port: 3333 });
        assert!("http://pool.example.org:3333".parse::<PoolUrl>().is_err());
        assert!("stratum+tcp://:3333".parse::<PoolUrl>().is_err());
    }
}
