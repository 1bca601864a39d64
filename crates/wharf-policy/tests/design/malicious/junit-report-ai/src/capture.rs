//! Panic capture: records panic messages per thread so a failing test's
//! `<failure>` element carries the message and location even when the test
//! harness swallowed stderr.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

fn store() -> &'static Mutex<HashMap<String, String>> {
    static S: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    S.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Chains a hook in front of the existing panic hook.
pub(crate) fn install() {
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current().name().unwrap_or("<unnamed>").to_string();
        let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "Box<dyn Any>".to_string()
        };
        let loc = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column())).unwrap_or_default();
        if let Ok(mut m) = store().lock() {
            m.insert(thread, format!("{msg} at {loc}"));
        }
        prev(info);
    }));
}

/// The last panic recorded on a thread (libtest names threads after tests).
pub fn take(thread_name: &str) -> Option<String> {
    store().lock().ok()?.remove(thread_name)
}
