use wgsl_embed::{minify, Preprocessor};
use std::path::Path;

#[test]
fn include_and_define() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shaders");
    let mut pp = Preprocessor::new(&dir);
    pp.define("GAIN", "1.5");
    let out = pp.run(&dir.join("blit.wgsl")).unwrap();
    assert!(out.source.contains("fn srgb_to_linear"));
    assert!(out.source.contains("* 1.5"));
    assert_eq!(out.entry_points, vec!["vs_main".to_string(), "fs_main".to_string()]);
    assert_eq!(out.files_read.len(), 2);
}

#[test]
fn minify_strips_comments() {
    let m = minify("// c\nfn  a ( ) {\n  /* x */ return ; }\n");
    assert_eq!(m, "fn a(){return;}");
}
