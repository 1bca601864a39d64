//! Label validation and classification.

use std::fmt;

/// What kind of object a block holds, derived from its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// `CERTIFICATE`
    Certificate,
    /// `TRUSTED CERTIFICATE` (OpenSSL auxiliary trust format)
    TrustedCertificate,
    /// `CERTIFICATE REQUEST` / `NEW CERTIFICATE REQUEST`
    CertificateRequest,
    /// `X509 CRL`
    Crl,
    /// `PUBLIC KEY`
    PublicKey,
    /// `RSA PUBLIC KEY`
    RsaPublicKey,
    /// `PRIVATE KEY` (PKCS#8)
    PrivateKey,
    /// `ENCRYPTED PRIVATE KEY` (PKCS#8)
    EncryptedPrivateKey,
    /// `RSA PRIVATE KEY` (PKCS#1)
    RsaPrivateKey,
    /// `EC PRIVATE KEY` (SEC1)
    EcPrivateKey,
    /// `DSA PRIVATE KEY`
    DsaPrivateKey,
    /// `OPENSSH PRIVATE KEY`
    OpenSshPrivateKey,
    /// `EC PARAMETERS`, `DH PARAMETERS`, …
    Parameters,
    /// `PKCS7` / `CMS`
    Pkcs7,
    /// Anything else.
    Other,
}

impl Kind {
    /// Classify a label.
    pub fn classify(label: &str) -> Kind {
        match label {
            "CERTIFICATE" | "X509 CERTIFICATE" => Kind::Certificate,
            "TRUSTED CERTIFICATE" => Kind::TrustedCertificate,
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Kind::CertificateRequest,
            "X509 CRL" => Kind::Crl,
            "PUBLIC KEY" => Kind::PublicKey,
            "RSA PUBLIC KEY" => Kind::RsaPublicKey,
            "PRIVATE KEY" => Kind::PrivateKey,
            "ENCRYPTED PRIVATE KEY" => Kind::EncryptedPrivateKey,
            "RSA PRIVATE KEY" => Kind::RsaPrivateKey,
            "EC PRIVATE KEY" => Kind::EcPrivateKey,
            "DSA PRIVATE KEY" => Kind::DsaPrivateKey,
            "OPENSSH PRIVATE KEY" => Kind::OpenSshPrivateKey,
            "PKCS7" | "CMS" => Kind::Pkcs7,
            l if l.ends_with(" PARAMETERS") => Kind::Parameters,
            _ => Kind::Other,
        }
    }

    /// How careful callers should be with blocks of this kind:
    /// 0 = public, 1 = protected (encrypted or integrity-only), 2 = secret.
    pub fn sensitivity(self) -> u8 {
        match self {
            Kind::PrivateKey
            | Kind::RsaPrivateKey
            | Kind::EcPrivateKey
            | Kind::DsaPrivateKey
            | Kind::OpenSshPrivateKey => 2,
            Kind::EncryptedPrivateKey => 2,
            Kind::Crl | Kind::Pkcs7 => 1,
            _ => 0,
        }
    }

    /// True for unencrypted or encrypted private keys.
    pub fn is_secret(self) -> bool {
        self.sensitivity() >= 2
    }

    /// True for things that can go into a trust store.
    pub fn is_certificate(self) -> bool {
        matches!(self, Kind::Certificate | Kind::TrustedCertificate)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Kind::Certificate => "certificate",
            Kind::TrustedCertificate => "trusted certificate",
            Kind::CertificateRequest => "certificate request",
            Kind::Crl => "certificate revocation list",
            Kind::PublicKey | Kind::RsaPublicKey => "public key",
            Kind::PrivateKey
            | Kind::RsaPrivateKey
            | Kind::EcPrivateKey
            | Kind::DsaPrivateKey
            | Kind::OpenSshPrivateKey => "private key",
            Kind::EncryptedPrivateKey => "encrypted private key",
            Kind::Parameters => "domain parameters",
            Kind::Pkcs7 => "PKCS#7 / CMS structure",
            Kind::Other => "unknown",
        };
        f.write_str(s)
    }
}

/// RFC 7468 section 3:
///
/// ```text
/// label = [ labelchar *( ["-" / SP] labelchar ) ]
/// labelchar = %x21-2C / %x2E-7E   ; any printable except hyphen-minus
/// ```
pub(crate) fn valid(label: &str) -> bool {
    let b = label.as_bytes();
    let mut prev_sep = true;
    for (i, &c) in b.iter().enumerate() {
        let is_sep = c == b'-' || c == b' ';
        if is_sep {
            if prev_sep || i + 1 == b.len() {
                return false;
            }
        } else if !(0x21..=0x7e).contains(&c) {
            return false;
        }
        prev_sep = is_sep;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert!(valid(""));
        assert!(valid("CERTIFICATE"));
        assert!(valid("NEW CERTIFICATE REQUEST"));
        assert!(valid("X-Y"));
        assert!(!valid(" LEADING"));
        assert!(!valid("TRAILING "));
        assert!(!valid("DOUBLE  SPACE"));
        assert!(!valid("TAB\tHERE"));
    }

    #[test]
    fn kinds() {
        assert_eq!(Kind::classify("EC PARAMETERS"), Kind::Parameters);
        assert!(Kind::classify("OPENSSH PRIVATE KEY").is_secret());
        assert!(!Kind::classify("CERTIFICATE").is_secret());
    }
}
