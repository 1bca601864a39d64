use sv1_miner_kit::work::{self, Job};

fn job() -> Job {
    Job {
        id: "1".into(),
        prevhash: [0u8; 32],
        coinb1: vec![1, 2, 3],
        coinb2: vec![4, 5, 6],
        branch: vec![[7u8; 32]],
        version: 0x2000_0000,
        nbits: 0x207f_ffff,
        ntime: 0x6500_0000,
        clean: true,
    }
}

#[test]
fn header_layout() {
    let j = job();
    let root = work::merkle_root(&j, &[0xaa], &[0, 0, 0, 0]);
    let h = work::header(&j, &root);
    assert_eq!(&h[0..4], &0x2000_0000u32.to_le_bytes());
    assert_eq!(&h[36..68], &root);
    assert_eq!(&h[72..76], &0x207f_ffffu32.to_le_bytes());
    assert_eq!(&h[76..80], &[0, 0, 0, 0]);
}

#[test]
fn merkle_depends_on_extranonce() {
    let j = job();
    assert_ne!(work::merkle_root(&j, &[1], &[0; 4]), work::merkle_root(&j, &[1], &[1, 0, 0, 0]));
}

#[test]
fn notify_parsing() {
    let params: Vec<serde_json::Value> = serde_json::from_str(
        r#"["bf", "00000000000000000000000000000000000000000000000000000000000000ff",
            "01", "02", [], "20000000", "207fffff", "65000000", true]"#,
    )
    .unwrap();
    let j = work::parse_notify(&params).unwrap();
    assert_eq!(j.id, "bf");
    assert_eq!(j.prevhash[28], 0xff);
    assert!(j.clean);
}

#[test]
fn regtest_difficulty_is_easy() {
    // Regtest's nbits 0x207fffff makes almost every hash a block; a
    // difficulty-1/65536 share target accepts roughly every hash too.
    let t = work::target_for_difficulty(1.0 / 65536.0);
    assert_eq!(t[0], 0);
    assert_eq!(t[1], 0);
    assert!(t[2] > 0);
}

#[test]
fn sha256d_known() {
    assert_eq!(
        work::hex(&work::sha256d(b"")),
        "5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456"
    );
}
