use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Default, Debug, Clone, Serialize)]
pub(crate) struct Values {
    pub url: String,
    pub lcp: Option<f64>,
    pub cls: f64,
    pub inp: Option<f64>,
    pub fcp: Option<f64>,
    pub ttfb: Option<f64>,
    pub nav: String,
    #[serde(skip)]
    pub session_value: f64,
    #[serde(skip)]
    pub session_last: f64,
    #[serde(skip)]
    pub session_first: f64,
    #[serde(skip)]
    pub interactions: Vec<f64>,
}

/// Shared, single-threaded metric store.
#[derive(Clone, Default)]
pub(crate) struct Store(pub Rc<RefCell<Values>>);

thread_local! {
    static SHARED: Store = Store::default();
}

impl Store {
    pub fn shared() -> Store {
        SHARED.with(|s| s.clone())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&*self.0.borrow()).unwrap_or_default()
    }

    /// CLS uses session windows: shifts less than 1 s apart and within 5 s of the first.
    pub fn add_layout_shift(&self, value: f64, t: f64) {
        let mut v = self.0.borrow_mut();
        if v.session_value > 0.0 && t - v.session_last < 1000.0 && t - v.session_first < 5000.0 {
            v.session_value += value;
        } else {
            v.session_value = value;
            v.session_first = t;
        }
        v.session_last = t;
        if v.session_value > v.cls {
            v.cls = v.session_value;
        }
    }

    /// INP: the 98th percentile of interaction latencies (worst one below 50 interactions).
    pub fn add_interaction(&self, duration: f64) {
        let mut v = self.0.borrow_mut();
        v.interactions.push(duration);
        v.interactions.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
        v.interactions.truncate(10);
        let idx = (v.interactions.len() / 50).min(v.interactions.len().saturating_sub(1));
        v.inp = v.interactions.get(idx).copied();
    }
}
