//! Pre-0.21 `base64` API on top of `base64` 0.22.

pub use base64::*;

use base64::engine::general_purpose::{GeneralPurpose, STANDARD, STANDARD_NO_PAD, URL_SAFE as URL_SAFE_E, URL_SAFE_NO_PAD as URL_SAFE_NO_PAD_E};
use base64::Engine as _;

/// Old-style configuration value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    url_safe: bool,
    pad: bool,
}

impl Config {
    fn engine(self) -> &'static GeneralPurpose {
        match (self.url_safe, self.pad) {
            (false, true) => &STANDARD,
            (false, false) => &STANDARD_NO_PAD,
            (true, true) => &URL_SAFE_E,
            (true, false) => &URL_SAFE_NO_PAD_E,
        }
    }

    pub const fn pad(self, pad: bool) -> Config {
        Config { url_safe: self.url_safe, pad }
    }
}

pub const STANDARD_CONFIG: Config = Config { url_safe: false, pad: true };
pub const URL_SAFE: Config = Config { url_safe: true, pad: true };
pub const URL_SAFE_NO_PAD: Config = Config { url_safe: true, pad: false };

#[deprecated(note = "use base64::engine::general_purpose::STANDARD.encode")]
pub fn encode<T: AsRef<[u8]>>(input: T) -> String {
    STANDARD.encode(input)
}

#[deprecated(note = "use base64::engine::general_purpose::STANDARD.decode")]
pub fn decode<T: AsRef<[u8]>>(input: T) -> Result<Vec<u8>, DecodeError> {
    STANDARD.decode(input)
}

#[deprecated(note = "use an Engine's encode")]
pub fn encode_config<T: AsRef<[u8]>>(input: T, config: Config) -> String {
    config.engine().encode(input)
}

#[deprecated(note = "use an Engine's decode")]
pub fn decode_config<T: AsRef<[u8]>>(input: T, config: Config) -> Result<Vec<u8>, DecodeError> {
    config.engine().decode(input)
}

#[deprecated(note = "use an Engine's encode_string")]
pub fn encode_config_buf<T: AsRef<[u8]>>(input: T, config: Config, buf: &mut String) {
    config.engine().encode_string(input, buf)
}
