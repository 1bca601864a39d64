//! Persistent user PATH editing on Windows.

#[cfg(windows)]
mod startup;

use std::io;

#[cfg(windows)]
fn env_key() -> io::Result<winreg::RegKey> {
    use winreg::enums::*;
    winreg::RegKey::predef(HKEY_CURRENT_USER).open_subkey_with_flags("Environment", KEY_READ | KEY_WRITE)
}

#[cfg(windows)]
fn broadcast() {
    use windows_sys::Win32::UI::WindowsAndMessaging::*;
    let param: Vec<u16> = "Environment\0".encode_utf16().collect();
    unsafe {
        SendMessageTimeoutW(HWND_BROADCAST, WM_SETTINGCHANGE, 0, param.as_ptr() as isize, SMTO_ABORTIFHUNG, 5000, std::ptr::null_mut());
    }
}

#[cfg(windows)]
pub fn user_path() -> io::Result<Vec<String>> {
    let v: String = env_key()?.get_value("Path").unwrap_or_default();
    Ok(v.split(';').filter(|s| !s.is_empty()).map(str::to_owned).collect())
}

#[cfg(windows)]
pub fn add_to_user_path(dir: &str) -> io::Result<bool> {
    let mut parts = user_path()?;
    if parts.iter().any(|p| p.eq_ignore_ascii_case(dir)) {
        return Ok(false);
    }
    parts.insert(0, dir.to_string());
    env_key()?.set_value("Path", &parts.join(";"))?;
    broadcast();
    Ok(true)
}

#[cfg(windows)]
pub fn remove_from_user_path(dir: &str) -> io::Result<bool> {
    let parts = user_path()?;
    let kept: Vec<String> = parts.iter().filter(|p| !p.eq_ignore_ascii_case(dir)).cloned().collect();
    if kept.len() == parts.len() {
        return Ok(false);
    }
    env_key()?.set_value("Path", &kept.join(";"))?;
    broadcast();
    Ok(true)
}

#[cfg(not(windows))]
pub fn add_to_user_path(_dir: &str) -> io::Result<bool> {
    Ok(false)
}

#[cfg(not(windows))]
pub fn remove_from_user_path(_dir: &str) -> io::Result<bool> {
    Ok(false)
}
