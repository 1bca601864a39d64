//! OSC 8 terminal hyperlinks.

mod caps;
mod data;
mod selection;

pub use caps::supports_hyperlinks;

/// Formats `text` as a hyperlink to `url`, or a plain fallback.
pub fn link(url: &str, text: &str) -> String {
    if supports_hyperlinks() {
        format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\")
    } else if text == url {
        url.to_owned()
    } else {
        format!("{text} ({url})")
    }
}

/// Like `link`, but with an explicit id so that a link wrapped across lines
/// is highlighted as one unit.
pub fn link_with_id(url: &str, text: &str, id: &str) -> String {
    if supports_hyperlinks() {
        format!("\x1b]8;id={id};{url}\x1b\\{text}\x1b]8;;\x1b\\")
    } else {
        link(url, text)
    }
}

/// Copies `url` to the clipboard (for terminals without OSC 8 support).
pub fn copy_url(url: &str) -> bool {
    selection::set(url)
}
