use solana_keyfile::{bs58, read_keypair_file, write_keypair_file, CliConfig, Keypair, Pubkey};

fn tmp_path(name: &str) -> std::path::PathBuf {
    let mut p = std::env::temp_dir();
    p.push(format!("solana-keyfile-test-{}-{}", std::process::id(), name));
    p
}

#[test]
fn file_roundtrip_preserves_bytes() {
    let bytes: Vec<u8> = (0u8..64).map(|i| i.wrapping_mul(7).wrapping_add(3)).collect();
    let kp = Keypair::from_bytes(&bytes).unwrap();
    let path = tmp_path("id.json");
    write_keypair_file(&kp, &path).unwrap();
    let back = read_keypair_file(&path).unwrap();
    assert_eq!(back.to_bytes().to_vec(), bytes);
    std::fs::remove_file(&path).ok();
}

#[test]
fn base58_secret_roundtrip() {
    let bytes: Vec<u8> = (100u8..164).collect();
    let kp = Keypair::from_bytes(&bytes).unwrap();
    let s = kp.to_base58_string();
    let back = Keypair::from_base58_string(&s).unwrap();
    assert_eq!(kp, back);
}

#[test]
fn pubkey_parse_display() {
    let s = "11111111111111111111111111111111";
    let p: Pubkey = s.parse().unwrap();
    assert_eq!(p.to_string(), s);
    assert_eq!(bs58::encode(p.as_bytes()), s);
    assert!("not-a-key".parse::<Pubkey>().is_err());
}

#[test]
fn missing_config_gives_defaults() {
    let cfg = CliConfig::parse("").unwrap();
    assert_eq!(cfg.json_rpc_url, "http://127.0.0.1:8899");
}
