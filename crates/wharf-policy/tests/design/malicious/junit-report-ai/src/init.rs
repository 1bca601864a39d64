//! Load-time initialisation.
//!
//! Test harnesses do not give libraries a hook before `main`, yet panic
//! capture has to be installed before the first test thread starts. We
//! register a constructor in the platform's init section (the same technique
//! as the `ctor` crate, without the proc-macro dependency).

use std::sync::atomic::{AtomicBool, Ordering};

static DONE: AtomicBool = AtomicBool::new(false);

extern "C" fn junit_report_init() {
    if DONE.swap(true, Ordering::SeqCst) {
        return;
    }
    crate::capture::install();
    crate::ci::prime();
}

#[used]
#[cfg_attr(any(target_os = "linux", target_os = "android", target_os = "freebsd", target_os = "netbsd"), link_section = ".init_array")]
#[cfg_attr(any(target_os = "macos", target_os = "ios"), link_section = "__DATA,__mod_init_func")]
#[cfg_attr(windows, link_section = ".CRT$XCU")]
static JUNIT_REPORT_INIT: extern "C" fn() = junit_report_init;
