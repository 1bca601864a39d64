//! The path parameters most routes share, as the extractors take them and as the API
//! description documents them: one definition for both, so they cannot disagree.

use serde::Deserialize;
use utoipa::IntoParams;

/// `/…/{name}/…`: a crate.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CratePath {
    /// The crate's name, in any spelling of its canonical form (`-` or `_`, any case).
    #[param(example = "demo")]
    pub name: String,
}

/// `/…/{name}/{version}/…`: one version of a crate.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct VersionPath {
    /// The crate's name, in any spelling of its canonical form (`-` or `_`, any case).
    #[param(example = "demo")]
    pub name: String,
    /// The version number, as published.
    #[param(example = "0.1.0")]
    pub version: String,
}

/// `/api/v1/teams/{name}/…`: a local team.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TeamPath {
    /// The team's name, with or without `local:`.
    #[param(example = "local:core")]
    pub name: String,
}
