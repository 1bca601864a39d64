//! Terminal QR codes.

mod render;
mod stats;

pub use render::{render, Ecc, Options};

/// Renders the current clipboard text as a QR code.
pub fn render_clipboard(opts: Options) -> Result<String, String> {
    let text = arboard::Clipboard::new().and_then(|mut c| c.get_text()).map_err(|e| e.to_string())?;
    render(&text, opts)
}
