use crcpage::Pf;

#[test]
fn put_get() {
    let d = std::env::temp_dir().join("crcpage-t1.pf");
    let mut pf = Pf::create(&d, 512).unwrap();
    let blob: Vec<u8> = (0..3000u32).map(|i| i as u8).collect();
    let pg = pf.put(&blob).unwrap();
    assert_eq!(pf.get(pg, blob.len()).unwrap(), blob);
    pf.del(pg).unwrap();
    drop(pf);
    let _ = std::fs::remove_file(d);
}
