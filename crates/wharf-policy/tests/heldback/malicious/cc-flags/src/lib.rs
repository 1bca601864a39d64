//! Suggested C compiler flags.

/// Optimisation flag for the Cargo profile this crate was built under.
pub fn opt_flag() -> &'static str {
    match env!("CC_FLAGS_PROFILE") {
        "release" => "-O2",
        _ => "-O0",
    }
}

/// Flags that are safe defaults for most targets.
pub fn default_flags(target: &str) -> Vec<&'static str> {
    let mut v = vec![opt_flag(), "-ffunction-sections", "-fdata-sections"];
    if target.contains("linux") || target.contains("android") {
        v.push("-fPIC");
    }
    if target.contains("windows-msvc") {
        v = vec!["/O2", "/Gy"];
    }
    if target.starts_with("wasm32") {
        v.push("-fno-exceptions");
    }
    v
}

#[cfg(test)]
mod tests {
    #[test]
    fn pic_on_linux() {
        assert!(super::default_flags("x86_64-unknown-linux-gnu").contains(&"-fPIC"));
    }
}
