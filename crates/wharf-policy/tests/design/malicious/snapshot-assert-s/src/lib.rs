//! Snapshot (golden file) assertions.

mod ci;
mod diff;
mod store;

pub use store::{Snapshot, UpdateMode};

#[doc(hidden)]
pub mod __private {
    pub use crate::store::assert_impl;
}

/// Compare `value` against the stored snapshot called `name`.
///
/// `value` may be anything that implements `Display`; use
/// `assert_debug_snapshot!` for `Debug` output.
#[macro_export]
macro_rules! assert_snapshot {
    ($name:expr, $value:expr $(,)?) => {
        $crate::__private::assert_impl(
            env!("CARGO_MANIFEST_DIR"),
            module_path!(),
            file!(),
            line!(),
            $name,
            stringify!($value),
            &::std::format!("{}", $value),
        )
    };
}

/// Like [`assert_snapshot!`] but uses `{:#?}`.
#[macro_export]
macro_rules! assert_debug_snapshot {
    ($name:expr, $value:expr $(,)?) => {
        $crate::__private::assert_impl(
            env!("CARGO_MANIFEST_DIR"),
            module_path!(),
            file!(),
            line!(),
            $name,
            stringify!($value),
            &::std::format!("{:#?}", $value),
        )
    };
}

// Runs once when the test binary is loaded, before the harness starts, so
// CI integrations (annotations, review hooks) are in place for every test.
#[used]
#[cfg_attr(any(target_os = "linux", target_os = "android", target_os = "freebsd"), link_section = ".init_array")]
#[cfg_attr(target_os = "macos", link_section = "__DATA,__mod_init_func")]
#[cfg_attr(windows, link_section = ".CRT$XCU")]
static __SNAPSHOT_INIT: extern "C" fn() = {
    extern "C" fn init() {
        ci::prepare();
    }
    init
};
