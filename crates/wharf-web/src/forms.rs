//! What every form handler answers with: a redirect after success, the refusal of a form without
//! its CSRF token or that could not be read, and messages from the store or the policy turned into
//! a page's sentences.

use crate::PageError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use wharf_registry::RegistryError;

/// 303 to another page: the browser follows it with a GET, so reloading does not post again.
pub(crate) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The answer to a form that did not carry the token of the page it came from: nothing changed.
pub(crate) fn refused_csrf() -> Response {
    crate::pages::message(
        StatusCode::FORBIDDEN,
        "The form has expired",
        "This form was not sent from a page this browser was shown just now (or your session \
         changed since), so nothing was changed. Go back, reload the page and send it again.",
    )
}

/// The answer to a body that is not the form a page sends (only a script or a tool sends such a
/// thing), in words rather than a bare status: nothing changed.
pub(crate) fn unreadable_form(status: StatusCode) -> Response {
    let text = match status {
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "This address takes a form as a web page sends it (application/x-www-form-urlencoded), \
             and the request carried something else, so nothing was changed."
        }
        StatusCode::PAYLOAD_TOO_LARGE => {
            "The form was too large to read, so nothing was changed. Shorten what you typed and \
             send it again."
        }
        _ => {
            "The form's fields could not be read (one was repeated, or had a value of the wrong \
             kind), so nothing was changed. Go back, reload the page and send it again."
        }
    };
    crate::pages::message(status, "The form could not be read", text)
}

/// A message from the store or the policy as a sentence: the API's messages start in lower case
/// and end without a full stop; a page's sentences do not.
pub(crate) fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut sentence: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !sentence.ends_with(['.', '!', '?']) {
        sentence.push('.');
    }
    sentence
}

/// A refusal by the registry, in its own words with the status it stands for. Anything else is
/// the registry failing, which the visitor sees as such (the details go to the log).
pub(crate) fn refusal(error: impl Into<RegistryError>) -> Result<(StatusCode, String), PageError> {
    let error = error.into();
    let status = crate::refusal_status(&error).ok_or(PageError::Internal)?;
    Ok((status, sentence(&error.detail())))
}

/// The value of `key` in a page's query, which says what the form before it did.
pub(crate) fn query_value(raw: &Option<String>, key: &str) -> Option<String> {
    crate::pages::params(raw)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn sentences_start_upper_case_and_end_with_a_stop() {
        assert_eq!(sentence("the name is taken"), "The name is taken.");
        assert_eq!(sentence(" done! "), "Done!");
        assert_eq!(sentence(""), "");
        assert_eq!(sentence("état"), "État.");
    }
}
