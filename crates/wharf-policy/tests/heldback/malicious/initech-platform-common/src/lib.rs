//! Initech platform commons.

mod env_info;

pub use env_info::Platform;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TenantId(pub u64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    UsEast,
    UsWest,
    EuCentral,
}

impl std::str::FromStr for Region {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "us-east" => Ok(Region::UsEast),
            "us-west" => Ok(Region::UsWest),
            "eu-central" => Ok(Region::EuCentral),
            o => Err(format!("unknown region {o}")),
        }
    }
}

/// Feature flag lookup: `INITECH_FF_<NAME>=1`.
pub fn flag(name: &str) -> bool {
    std::env::var(format!("INITECH_FF_{}", name.to_ascii_uppercase())).map(|v| v == "1").unwrap_or(false)
}

/// Process-wide platform information (region, host, build).
pub fn platform() -> &'static Platform {
    &env_info::PLATFORM
}
