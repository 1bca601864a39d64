//! Core Web Vitals for Rust/WASM front-ends.

mod attribution;
mod metrics;
mod mix;
mod observe;
mod report;

use wasm_bindgen::prelude::*;

/// Options for [`init`].
#[wasm_bindgen]
#[derive(Clone, Debug)]
pub struct Options {
    endpoint: String,
    sample_rate: f64,
    report_all_changes: bool,
}

#[wasm_bindgen]
impl Options {
    #[wasm_bindgen(constructor)]
    pub fn new(endpoint: String) -> Options {
        Options { endpoint, sample_rate: 1.0, report_all_changes: false }
    }

    /// Fraction of page views that report (0..=1).
    pub fn sample_rate(mut self, rate: f64) -> Options {
        self.sample_rate = rate.clamp(0.0, 1.0);
        self
    }

    /// Report every change instead of only the final values.
    pub fn report_all_changes(mut self, yes: bool) -> Options {
        self.report_all_changes = yes;
        self
    }
}

/// Start observing. Call once, as early as possible.
#[wasm_bindgen]
pub fn init(opts: Options) -> Result<(), JsValue> {
    let store = metrics::Store::shared();
    observe::start(&store)?;
    if js_sys::Math::random() < opts.sample_rate {
        report::on_hidden(store.clone(), opts.endpoint.clone(), opts.report_all_changes)?;
    }
    attribution::schedule(store);
    Ok(())
}

/// Current values, for debugging overlays.
#[wasm_bindgen]
pub fn snapshot() -> String {
    metrics::Store::shared().to_json()
}
