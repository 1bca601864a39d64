use murmur3_sys::{hash128, hash32, partition_for};

#[test]
fn x86_32_reference_vectors() {
    let cases: &[(&[u8], u32, u32)] = &[
        (b"", 0, 0),
        (b"", 1, 0x514e_28b7),
        (b"", 0xffff_ffff, 0x81f1_6f39),
        (b"\0\0\0\0", 0, 0x2362_f9de),
        (b"aaaa", 0x9747_b28c, 0x5a97_808a),
        (b"Hello, world!", 0x9747_b28c, 0x2488_4cba),
    ];
    for (input, seed, want) in cases {
        assert_eq!(hash32(input, *seed), *want, "input {:?} seed {:#x}", input, seed);
    }
}

#[test]
fn x64_128_is_deterministic() {
    let a = hash128(b"partition-key-0001", 42);
    let b = hash128(b"partition-key-0001", 42);
    let c = hash128(b"partition-key-0002", 42);
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn partitions_are_in_range() {
    for i in 0..1000u32 {
        let key = i.to_le_bytes();
        assert!(partition_for(&key, 12) < 12);
    }
}
