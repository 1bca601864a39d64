use std::fs;

// Header-only fixtures: real openssh-key-v1 framing, public half of a
// throwaway test key, private section replaced with zero bytes.
fn openssh_fixture(cipher: &str) -> String {
    use base64::Engine as _;
    fn s(b: &[u8]) -> Vec<u8> {
        let mut v = (b.len() as u32).to_be_bytes().to_vec();
        v.extend_from_slice(b);
        v
    }
    let mut pubblob = s(b"ssh-ed25519");
    pubblob.extend(s(&[7u8; 32]));
    let mut raw = b"openssh-key-v1\0".to_vec();
    raw.extend(s(cipher.as_bytes()));
    raw.extend(s(if cipher == "none" { b"none" } else { b"bcrypt" }));
    raw.extend(s(b""));
    raw.extend(1u32.to_be_bytes());
    raw.extend(s(&pubblob));
    raw.extend(s(&[0u8; 64]));
    let b64 = base64::engine::general_purpose::STANDARD.encode(raw);
    format!(
        "-----BEGIN OPENSSH PRIVATE KEY-----\n{b64}\n-----END OPENSSH PRIVATE KEY-----\n"
    )
}

#[test]
fn flags_plaintext_and_mode() {
    let dir = std::env::temp_dir().join(format!("sshkey-audit-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("plain"), openssh_fixture("none")).unwrap();
    fs::write(dir.join("locked"), openssh_fixture("aes256-ctr")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.join("plain"), fs::Permissions::from_mode(0o644)).unwrap();
        fs::set_permissions(dir.join("locked"), fs::Permissions::from_mode(0o600)).unwrap();
    }
    let r = sshkey_audit::audit_dir(&dir).unwrap();
    assert_eq!(r.findings().len(), 2);
    let locked = &r.findings()[0];
    assert!(locked.info.encrypted);
    assert!(locked.fingerprint.as_deref().unwrap().starts_with("SHA256:"));
    let plain = &r.findings()[1];
    assert!(plain.issues.contains(&sshkey_audit::Issue::Unencrypted));
    fs::remove_dir_all(dir).unwrap();
}
