use pkgconf_lite::Config;

#[test]
fn missing_library_is_an_error() {
    std::env::set_var("DEFINITELY_MISSING_LIB_NO_PKG_CONFIG", "1");
    let err = Config::new().probe("definitely-missing-lib").unwrap_err();
    assert!(err.to_string().contains("NO_PKG_CONFIG"));
}
