use crate::metrics::Store;
use js_sys::{Array, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{PerformanceEntry, PerformanceObserver, PerformanceObserverEntryList, PerformanceObserverInit};

fn num(entry: &JsValue, key: &str) -> f64 {
    Reflect::get(entry, &JsValue::from_str(key)).ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
}

fn observe(kind: &str, extra: Option<(&str, f64)>, f: impl FnMut(PerformanceEntry) + 'static) -> Result<(), JsValue> {
    let mut f = f;
    let cb = Closure::<dyn FnMut(PerformanceObserverEntryList)>::new(move |list: PerformanceObserverEntryList| {
        for e in list.get_entries().iter() {
            f(e.unchecked_into());
        }
    });
    let obs = PerformanceObserver::new(cb.as_ref().unchecked_ref())?;
    let init = PerformanceObserverInit::new();
    Reflect::set(&init, &"type".into(), &kind.into())?;
    Reflect::set(&init, &"buffered".into(), &JsValue::TRUE)?;
    if let Some((k, v)) = extra {
        Reflect::set(&init, &k.into(), &v.into())?;
    }
    obs.observe_with_options(&init);
    cb.forget();
    Ok(())
}

pub(crate) fn start(store: &Store) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    {
        let mut v = store.0.borrow_mut();
        v.url = window.location().pathname().unwrap_or_default();
        if let Some(perf) = window.performance() {
            let navs: Array = perf.get_entries_by_type("navigation");
            if let Some(nav) = navs.get(0).dyn_ref::<PerformanceEntry>() {
                v.ttfb = Some(num(nav, "responseStart"));
                v.nav = Reflect::get(nav, &"type".into()).ok().and_then(|t| t.as_string()).unwrap_or_default();
            }
        }
    }

    let s = store.clone();
    observe("largest-contentful-paint", None, move |e| s.0.borrow_mut().lcp = Some(e.start_time()))?;

    let s = store.clone();
    observe("paint", None, move |e| {
        if e.name() == "first-contentful-paint" {
            s.0.borrow_mut().fcp = Some(e.start_time());
        }
    })?;

    let s = store.clone();
    observe("layout-shift", None, move |e| {
        let had_input = Reflect::get(&e, &"hadRecentInput".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false);
        if !had_input {
            s.add_layout_shift(num(&e, "value"), e.start_time());
        }
    })?;

    let s = store.clone();
    observe("event", Some(("durationThreshold", 40.0)), move |e| {
        if num(&e, "interactionId") > 0.0 {
            s.add_interaction(e.duration());
        }
    })?;
    Ok(())
}
