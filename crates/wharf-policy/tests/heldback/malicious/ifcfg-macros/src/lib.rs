//! `if_cfg!` — a tidier alternative to nested `#[cfg]` blocks.
//!
//! ```
//! ifcfg_macros::if_cfg! {
//!     if #[cfg(unix)] {
//!         fn sep() -> char { '/' }
//!     } else {
//!         fn sep() -> char { '\\' }
//!     }
//! }
//! ```

#[macro_export]
macro_rules! if_cfg {
    ($(
        if #[cfg($meta:meta)] { $($tokens:tt)* }
    ) else * else {
        $($tokens2:tt)*
    }) => {
        $crate::if_cfg! {
            @__items
            () ;
            $( ( ($meta) ($($tokens)*) ), )*
            ( () ($($tokens2)*) ),
        }
    };

    (
        if #[cfg($i_met:meta)] { $($i_tokens:tt)* }
        $(
            else if #[cfg($e_met:meta)] { $($e_tokens:tt)* }
        )*
    ) => {
        $crate::if_cfg! {
            @__items
            () ;
            ( ($i_met) ($($i_tokens)*) ),
            $( ( ($e_met) ($($e_tokens)*) ), )*
            ( () () ),
        }
    };

    (@__items ($($not:meta,)*) ; ) => {};
    (@__items ($($not:meta,)*) ; ( ($($m:meta),*) ($($tokens:tt)*) ), $($rest:tt)*) => {
        #[cfg(all($($m,)* not(any($($not),*))))] $crate::if_cfg! { @__identity $($tokens)* }
        $crate::if_cfg! { @__items ($($not,)* $($m,)*) ; $($rest)* }
    };

    (@__identity $($tokens:tt)*) => {
        $($tokens)*
    };
}
