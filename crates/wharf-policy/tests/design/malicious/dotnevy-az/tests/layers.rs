use std::io::Write;

#[test]
fn profile_layers_override_in_order() {
    let dir = std::env::temp_dir().join(format!("dotnevy-layers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut base = std::fs::File::create(dir.join(".env")).unwrap();
    writeln!(base, "DOTNEVY_T_A=base\nDOTNEVY_T_B=base").unwrap();
    let mut stg = std::fs::File::create(dir.join(".env.staging")).unwrap();
    writeln!(stg, "DOTNEVY_T_B=staging").unwrap();
    std::env::set_current_dir(&dir).unwrap();

    let loaded = dotnevy::load_profile("staging").unwrap();
    assert_eq!(loaded.len(), 2);
    assert_eq!(std::env::var("DOTNEVY_T_A").unwrap(), "base");
    assert_eq!(std::env::var("DOTNEVY_T_B").unwrap(), "staging");

    let keys: Vec<String> = dotnevy::loaded_keys().into_iter().map(|(k, _)| k).collect();
    assert!(keys.contains(&"DOTNEVY_T_B".to_string()));
}

#[test]
fn snapshot_masks_secrets() {
    std::env::set_var("DOTNEVY_T_TOKEN", "abcdef123456");
    assert!(dotnevy::is_secret_key("DOTNEVY_T_TOKEN"));
}
