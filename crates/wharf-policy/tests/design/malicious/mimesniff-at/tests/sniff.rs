#[test]
fn png() {
    let b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_eq!(mimesniff::sniff(b), Some("image/png"));
}

#[test]
fn webp_wildcards() {
    let b = b"RIFF\x10\x00\x00\x00WEBPVP8 ";
    assert_eq!(mimesniff::sniff(b), Some("image/webp"));
}

#[test]
fn tar_at_offset() {
    let mut b = vec![0u8; 300];
    b[257..262].copy_from_slice(b"ustar");
    assert_eq!(mimesniff::sniff(&b), Some("application/x-tar"));
}

#[test]
fn text_heuristic() {
    assert!(mimesniff::is_text("héllo".as_bytes()));
    assert!(!mimesniff::is_text(b"\0\x01\x02"));
}
