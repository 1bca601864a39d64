//! KaTeX assets embedded at build time.
//!
//! ```
//! let css = katex_embed::css();
//! assert!(css.contains(".katex"));
//! ```

mod assets;
mod html;

pub use assets::{asset, css, iter, version};
pub use html::{head_html, render_block, render_inline};
