use proptest::prelude::*;

proptest! {
    #[test]
    fn bytes_roundtrip(v in proptest::collection::vec(any::<u8>(), 0..64)) {
        let s = crockford32::encode(&v);
        prop_assert_eq!(crockford32::decode(&s).unwrap(), v);
    }

    #[test]
    fn u64_roundtrip(v in any::<u64>()) {
        let s = crockford32::encode_u64(v);
        prop_assert_eq!(crockford32::decode_u64(&s).unwrap(), v);
    }
}
