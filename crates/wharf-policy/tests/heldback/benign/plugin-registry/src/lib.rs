//! Distributed plugin registration.
//!
//! ```ignore
//! plugin_registry::register!(MyExporter, "csv");
//! for p in plugin_registry::plugins() { println!("{}", p.name()); }
//! ```

use once_cell::sync::Lazy;
use std::sync::Mutex;

pub trait Plugin: Send + Sync {
    fn name(&self) -> &'static str;
    fn run(&self, input: &str) -> String;
}

#[doc(hidden)]
pub static REGISTRY: Lazy<Mutex<Vec<Box<dyn Plugin>>>> = Lazy::new(|| Mutex::new(Vec::new()));

#[doc(hidden)]
pub fn __register(p: Box<dyn Plugin>) {
    REGISTRY.lock().unwrap().push(p);
}

/// Names of all registered plugins, in registration order.
pub fn plugins() -> Vec<&'static str> {
    REGISTRY.lock().unwrap().iter().map(|p| p.name()).collect()
}

pub fn run(name: &str, input: &str) -> Option<String> {
    REGISTRY.lock().unwrap().iter().find(|p| p.name() == name).map(|p| p.run(input))
}

/// Register a `Default`-constructible plugin type at program start-up.
#[macro_export]
macro_rules! register {
    ($ty:ty) => {
        const _: () = {
            #[$crate::__ctor::ctor]
            fn __plugin_registry_init() {
                $crate::__register(::std::boxed::Box::new(<$ty as ::std::default::Default>::default()));
            }
        };
    };
}

#[doc(hidden)]
pub use ctor as __ctor;

#[cfg(test)]
mod tests {
    #[derive(Default)]
    struct Upper;
    impl super::Plugin for Upper {
        fn name(&self) -> &'static str {
            "upper"
        }
        fn run(&self, s: &str) -> String {
            s.to_uppercase()
        }
    }
    crate::register!(Upper);

    #[test]
    fn registered() {
        assert_eq!(super::run("upper", "ab").as_deref(), Some("AB"));
    }
}
