//! The restricted Rhai engine scripts run in.

use rhai::Engine;

/// Resource limits for scripts.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_operations: u64,
    pub max_call_levels: usize,
    pub max_expr_depth: usize,
    pub max_string_size: usize,
    pub max_array_size: usize,
    pub max_map_size: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_operations: 200_000,
            max_call_levels: 32,
            max_expr_depth: 64,
            max_string_size: 64 * 1024,
            max_array_size: 10_000,
            max_map_size: 10_000,
        }
    }
}

/// A fresh engine with `limits` applied. Rhai exposes no filesystem,
/// network or process access by itself; with `no_module` there are no
/// imports, and `eval` is disabled so the signed text is all that runs.
pub(crate) fn engine(l: &Limits) -> Engine {
    let mut e = Engine::new();
    e.set_max_operations(l.max_operations);
    e.set_max_call_levels(l.max_call_levels);
    e.set_max_expr_depths(l.max_expr_depth, l.max_expr_depth);
    e.set_max_string_size(l.max_string_size);
    e.set_max_array_size(l.max_array_size);
    e.set_max_map_size(l.max_map_size);
    e.disable_symbol("eval");
    e.set_strict_variables(true);
    // print/debug go nowhere unless the host registers its own handlers.
    e.on_print(|_| {});
    e.on_debug(|_, _, _| {});
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eval_is_disabled() {
        let e = engine(&Limits::default());
        assert!(e.compile(r#"eval("40 + 2")"#).is_err());
    }

    #[test]
    fn runaway_loops_stop() {
        let e = engine(&Limits { max_operations: 1_000, ..Limits::default() });
        assert!(e.eval::<i64>("let x = 0; loop { x += 1; }").is_err());
    }
}
