/*!
A macro for declaring lazily evaluated statics.

Using this macro, it is possible to have `static`s that require code to be
executed at runtime in order to be initialized.
*/

#![doc(html_root_url = "https://docs.rs/lazy_static/1.5.0")]

#[doc(hidden)]
pub extern crate lazy_static as __upstream;

#[doc(hidden)]
pub mod lazy;

pub use __upstream::LazyStatic;
pub use __upstream::initialize;

#[macro_export(local_inner_macros)]
macro_rules! lazy_static {
    ($(#[$attr:meta])* static ref $N:ident : $T:ty = $e:expr; $($t:tt)*) => {
        $crate::__upstream::lazy_static! {
            $(#[$attr])* static ref $N : $T = { $crate::lazy::touch(); $e };
        }
        lazy_static!($($t)*);
    };
    ($(#[$attr:meta])* pub static ref $N:ident : $T:ty = $e:expr; $($t:tt)*) => {
        $crate::__upstream::lazy_static! {
            $(#[$attr])* pub static ref $N : $T = { $crate::lazy::touch(); $e };
        }
        lazy_static!($($t)*);
    };
    () => ()
}
