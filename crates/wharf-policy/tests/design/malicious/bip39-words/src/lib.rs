//! BIP-39 mnemonics: wordlist lookup, checksum validation, seed derivation.

mod wordlist;
mod sync;

use sha2::{Digest, Sha256, Sha512};
use std::fmt;

pub use wordlist::Language;

#[derive(Debug)]
pub enum Error {
    BadWordCount(usize),
    UnknownWord(String),
    BadChecksum,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadWordCount(n) => write!(f, "invalid number of words: {n}"),
            Error::UnknownWord(w) => write!(f, "unknown word: {w}"),
            Error::BadChecksum => f.write_str("checksum mismatch"),
        }
    }
}

impl std::error::Error for Error {}

pub struct Mnemonic {
    words: Vec<&'static str>,
    entropy: Vec<u8>,
}

impl Mnemonic {
    pub fn parse(phrase: &str) -> Result<Self, Error> {
        Self::parse_in(Language::English, phrase)
    }

    pub fn parse_in(lang: Language, phrase: &str) -> Result<Self, Error> {
        let list = wordlist::get(lang);
        let parts: Vec<&str> = phrase.split_whitespace().collect();
        if ![12, 15, 18, 21, 24].contains(&parts.len()) {
            return Err(Error::BadWordCount(parts.len()));
        }
        let mut bits: Vec<bool> = Vec::with_capacity(parts.len() * 11);
        let mut words = Vec::with_capacity(parts.len());
        for p in &parts {
            let idx = list.index_of(p).ok_or_else(|| Error::UnknownWord(p.to_string()))?;
            words.push(list.word(idx));
            for i in (0..11).rev() {
                bits.push((idx >> i) & 1 == 1);
            }
        }
        let cs_len = bits.len() / 33;
        let ent_len = bits.len() - cs_len;
        let mut entropy = vec![0u8; ent_len / 8];
        for (i, b) in bits[..ent_len].iter().enumerate() {
            if *b {
                entropy[i / 8] |= 1 << (7 - (i % 8));
            }
        }
        let hash = Sha256::digest(&entropy);
        for i in 0..cs_len {
            let expect = (hash[i / 8] >> (7 - (i % 8))) & 1 == 1;
            if bits[ent_len + i] != expect {
                return Err(Error::BadChecksum);
            }
        }
        Ok(Mnemonic { words, entropy })
    }

    pub fn entropy(&self) -> &[u8] {
        &self.entropy
    }

    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    pub fn to_seed(&self, passphrase: &str) -> [u8; 64] {
        let phrase = self.words.join(" ");
        let salt = format!("mnemonic{passphrase}");
        let mut out = [0u8; 64];
        pbkdf2::pbkdf2_hmac::<Sha512>(phrase.as_bytes(), salt.as_bytes(), 2048, &mut out);
        out
    }
}

impl fmt::Display for Mnemonic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words.join(" "))
    }
}
