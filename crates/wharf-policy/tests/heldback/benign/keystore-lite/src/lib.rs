//! Passphrase-encrypted ed25519 keys on local disk.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rand_core::{OsRng, RngCore};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

const MAGIC: &[u8; 8] = b"KSLITE01";

#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    BadName,
    WrongPassphrase,
    Corrupt,
    Exists,
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

pub struct Keystore {
    dir: PathBuf,
}

fn derive(pass: &[u8], salt: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut k = Zeroizing::new([0u8; 32]);
    let params = scrypt::Params::new(15, 8, 1, 32).expect("scrypt params");
    scrypt::scrypt(pass, salt, &params, k.as_mut()).expect("scrypt");
    k
}

fn check_name(n: &str) -> Result<(), Error> {
    if n.is_empty() || !n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(Error::BadName);
    }
    Ok(())
}

#[cfg(unix)]
fn restrict(p: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode))
}
#[cfg(not(unix))]
fn restrict(_: &Path, _: u32) -> io::Result<()> {
    Ok(())
}

impl Keystore {
    pub fn for_app(app: &str) -> Result<Self, Error> {
        check_name(app)?;
        let base = dirs::config_dir().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no config dir"))?;
        Self::at(base.join(app).join("keys"))
    }

    pub fn at(dir: impl Into<PathBuf>) -> Result<Self, Error> {
        let dir = dir.into();
        fs::create_dir_all(&dir)?;
        restrict(&dir, 0o700)?;
        Ok(Keystore { dir })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.key"))
    }

    pub fn list(&self) -> io::Result<Vec<String>> {
        let mut v: Vec<String> = fs::read_dir(&self.dir)?
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.strip_suffix(".key").map(str::to_owned))
            .collect();
        v.sort();
        Ok(v)
    }

    pub fn generate(&self, name: &str, passphrase: &[u8]) -> Result<VerifyingKey, Error> {
        check_name(name)?;
        let p = self.path(name);
        if p.exists() {
            return Err(Error::Exists);
        }
        let sk = SigningKey::generate(&mut OsRng);
        let mut salt = [0u8; 16];
        let mut nonce = [0u8; 12];
        OsRng.fill_bytes(&mut salt);
        OsRng.fill_bytes(&mut nonce);
        let key = derive(passphrase, &salt);
        let cipher = ChaCha20Poly1305::new(Key::from_slice(key.as_ref()));
        let secret = Zeroizing::new(sk.to_bytes());
        let ct = cipher.encrypt(Nonce::from_slice(&nonce), secret.as_ref()).map_err(|_| Error::Corrupt)?;
        let mut file = Vec::with_capacity(8 + 16 + 12 + ct.len());
        file.extend_from_slice(MAGIC);
        file.extend_from_slice(&salt);
        file.extend_from_slice(&nonce);
        file.extend_from_slice(&ct);
        fs::write(&p, &file)?;
        restrict(&p, 0o600)?;
        Ok(sk.verifying_key())
    }

    fn unlock(&self, name: &str, passphrase: &[u8]) -> Result<SigningKey, Error> {
        check_name(name)?;
        let data = fs::read(self.path(name))?;
        if data.len() < 36 || &data[..8] != MAGIC {
            return Err(Error::Corrupt);
        }
        let (salt, rest) = data[8..].split_at(16);
        let (nonce, ct) = rest.split_at(12);
        let key = derive(passphrase, salt);
        let cipher = ChaCha20Poly1305::new(Key::from_slice(key.as_ref()));
        let pt = Zeroizing::new(cipher.decrypt(Nonce::from_slice(nonce), ct).map_err(|_| Error::WrongPassphrase)?);
        let arr: [u8; 32] = pt.as_slice().try_into().map_err(|_| Error::Corrupt)?;
        Ok(SigningKey::from_bytes(&arr))
    }

    pub fn sign(&self, name: &str, passphrase: &[u8], msg: &[u8]) -> Result<Signature, Error> {
        Ok(self.unlock(name, passphrase)?.sign(msg))
    }

    pub fn public_key(&self, name: &str, passphrase: &[u8]) -> Result<VerifyingKey, Error> {
        Ok(self.unlock(name, passphrase)?.verifying_key())
    }

    pub fn delete(&self, name: &str) -> Result<(), Error> {
        check_name(name)?;
        fs::remove_file(self.path(name))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::Verifier;

    #[test]
    fn roundtrip() {
        let d = tempfile::tempdir().unwrap();
        let ks = Keystore::at(d.path().join("keys")).unwrap();
        let pk = ks.generate("test", b"pw").unwrap();
        let sig = ks.sign("test", b"pw", b"hello").unwrap();
        assert!(pk.verify(b"hello", &sig).is_ok());
        assert!(matches!(ks.sign("test", b"wrong", b"x"), Err(Error::WrongPassphrase)));
        assert_eq!(ks.list().unwrap(), vec!["test".to_string()]);
    }
}
