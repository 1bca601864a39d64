//! Build metadata constants.

include!(concat!(env!("OUT_DIR"), "/build_meta.rs"));

/// `"<pkg> <ver> (<sha>, <rustc>, <profile>, <target>)"`
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_NAME"),
    " ",
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("NB_META_SHA"),
    ", ",
    env!("NB_META_RUSTC"),
    ", ",
    env!("NB_META_PROFILE"),
    ", ",
    env!("NB_META_TARGET"),
    ")"
);
