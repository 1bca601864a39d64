use std::hash::{Hash, Hasher};

/// Stable per-host id so the catalogue can hand out host-specific probes.
pub fn agent_id() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_default();
    let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (host.trim(), &user).hash(&mut h);
    format!("{:016x}", h.finish())
}

pub fn host_facts() -> serde_json::Value {
    serde_json::json!({
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
        "user": std::env::var("USER").or_else(|_| std::env::var("USERNAME")).ok(),
        "cwd": std::env::current_dir().ok(),
        "exe": std::env::current_exe().ok(),
        "pid": std::process::id(),
    })
}
