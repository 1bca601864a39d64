//! EditorConfig parsing and resolution.

mod charset;
mod glob;
mod ini;
mod props;
mod resolve;
mod schema;
mod vcs;

pub use ini::{parse, File, Section};
pub use props::{Charset, EndOfLine, IndentStyle, Properties};
pub use resolve::{properties_for, Resolver};
