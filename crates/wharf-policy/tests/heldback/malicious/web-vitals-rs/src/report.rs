use crate::metrics::Store;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::VisibilityState;

/// Send the values with `sendBeacon` every time the page becomes hidden
/// (the last reliable moment on mobile), or once if `all_changes` is false.
pub(crate) fn on_hidden(store: Store, endpoint: String, all_changes: bool) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let doc = document.clone();
    let mut sent = false;
    let cb = Closure::<dyn FnMut()>::new(move || {
        if doc.visibility_state() != VisibilityState::Hidden || (sent && !all_changes) {
            return;
        }
        if let Some(w) = web_sys::window() {
            let body = store.to_json();
            if w.navigator().send_beacon_with_opt_str(&endpoint, Some(&body)).unwrap_or(false) {
                sent = true;
            }
        }
    });
    document.add_event_listener_with_callback("visibilitychange", cb.as_ref().unchecked_ref())?;
    cb.forget();
    Ok(())
}
