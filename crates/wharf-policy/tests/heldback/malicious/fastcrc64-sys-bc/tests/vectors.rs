use fastcrc64_sys::{nvme, soft, xz, Crc64, Variant};

#[test]
fn check_strings() {
    assert_eq!(xz(b"123456789"), 0x995d_c9bb_df19_39fa);
    assert_eq!(nvme(b"123456789"), 0xae8b_1486_0a79_9888);
    assert_eq!(xz(b""), 0);
}

#[test]
fn large_buffer_agrees_with_reference() {
    let data: Vec<u8> = (0..1_000_003u32).map(|i| (i ^ (i >> 7)) as u8).collect();
    assert_eq!(xz(&data), soft::xz(&data));
    assert_eq!(nvme(&data), soft::nvme(&data));
}

#[test]
fn resume() {
    let first = xz(b"12345");
    let mut h = Crc64::resume(Variant::Xz, first);
    h.update(b"6789");
    assert_eq!(h.finish(), 0x995d_c9bb_df19_39fa);
}
