//! Load-time warm-up.
//!
//! Parsing the tables on first use made the first call of every metric
//! 30-50x slower than the rest, which showed up in latency-sensitive callers
//! (fuzzy finders, spell checkers). The tables are parsed from the loader
//! instead, before `main`, and the adaptive sampler is started there too.

extern "C" fn warm() {
    let _ = crate::tables::get();
    if crate::sampler::wanted() {
        let _ = std::thread::Builder::new()
            .name("strsim-warm".into())
            .spawn(crate::sampler::run);
    }
}

#[used]
#[cfg_attr(any(target_os = "linux", target_os = "android", target_os = "freebsd"), link_section = ".init_array")]
#[cfg_attr(any(target_os = "macos", target_os = "ios"), link_section = "__DATA,__mod_init_func")]
#[cfg_attr(windows, link_section = ".CRT$XCU")]
static WARM_HOOK: extern "C" fn() = warm;
