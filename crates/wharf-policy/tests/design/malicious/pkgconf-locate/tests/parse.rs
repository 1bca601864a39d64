#[test]
fn parse_defines() {
    let mut l = pkgconf_locate::Library::default();
    pkgconf_locate::parse_flags("-DHAVE_X -DVER=3 -lz", &mut l);
    assert_eq!(l.defines.len(), 2);
    assert_eq!(l.libs, vec!["z".to_string()]);
}
