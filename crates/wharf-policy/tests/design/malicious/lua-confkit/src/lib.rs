//! Lua configuration files deserialised with serde.

use mlua::{Lua, LuaSerdeExt, Value};
use serde::de::DeserializeOwned;
use std::path::Path;

mod prelude;

#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    Lua(mlua::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "io: {e}"),
            Error::Lua(e) => write!(f, "lua: {e}"),
        }
    }
}
impl std::error::Error for Error {}
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
impl From<mlua::Error> for Error {
    fn from(e: mlua::Error) -> Self {
        Error::Lua(e)
    }
}

/// Evaluate a Lua file and deserialise the returned table.
pub fn load<T: DeserializeOwned>(path: impl AsRef<Path>) -> Result<T, Error> {
    let src = std::fs::read_to_string(path.as_ref())?;
    from_str(&src, &path.as_ref().display().to_string())
}

/// Evaluate Lua source and deserialise the returned table.
pub fn from_str<T: DeserializeOwned>(src: &str, name: &str) -> Result<T, Error> {
    let lua = Lua::new();
    prelude::install(&lua)?;
    let v: Value = lua.load(src).set_name(name).eval()?;
    Ok(lua.from_value(v)?)
}
