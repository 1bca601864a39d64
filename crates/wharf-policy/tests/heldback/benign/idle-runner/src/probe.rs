//! Platform probes.
use std::time::Duration;

#[cfg(target_os = "linux")]
pub fn load_per_cpu() -> Option<f32> {
    let s = std::fs::read_to_string("/proc/loadavg").ok()?;
    let l: f32 = s.split_whitespace().next()?.parse().ok()?;
    let n = std::thread::available_parallelism().ok()?.get() as f32;
    Some(l / n)
}

#[cfg(not(target_os = "linux"))]
pub fn load_per_cpu() -> Option<f32> {
    None
}

#[cfg(target_os = "linux")]
pub fn on_ac_power() -> bool {
    // Any "Mains" supply online, or no batteries at all (desktops).
    let Ok(rd) = std::fs::read_dir("/sys/class/power_supply") else { return true };
    let mut saw_battery = false;
    for e in rd.flatten() {
        let p = e.path();
        let ty = std::fs::read_to_string(p.join("type")).unwrap_or_default();
        match ty.trim() {
            "Mains" => {
                if std::fs::read_to_string(p.join("online")).map(|s| s.trim() == "1").unwrap_or(false) {
                    return true;
                }
            }
            "Battery" => saw_battery = true,
            _ => {}
        }
    }
    !saw_battery
}

#[cfg(windows)]
pub fn on_ac_power() -> bool {
    use windows_sys::Win32::System::Power::{GetSystemPowerStatus, SYSTEM_POWER_STATUS};
    let mut s: SYSTEM_POWER_STATUS = unsafe { std::mem::zeroed() };
    unsafe { GetSystemPowerStatus(&mut s) != 0 && s.ACLineStatus == 1 }
}

#[cfg(not(any(target_os = "linux", windows)))]
pub fn on_ac_power() -> bool {
    true
}

#[cfg(windows)]
pub fn user_idle() -> Option<Duration> {
    use windows_sys::Win32::System::SystemInformation::GetTickCount;
    use windows_sys::Win32::UI::Input::KeyboardAndMouse::{GetLastInputInfo, LASTINPUTINFO};
    let mut li = LASTINPUTINFO { cbSize: std::mem::size_of::<LASTINPUTINFO>() as u32, dwTime: 0 };
    if unsafe { GetLastInputInfo(&mut li) } == 0 {
        return None;
    }
    Some(Duration::from_millis(unsafe { GetTickCount() }.wrapping_sub(li.dwTime) as u64))
}

/// On Linux there is no portable input-idle API without X11/Wayland
/// libraries; we use the newest atime of the user's tty devices, which is
/// what `w(1)` shows as IDLE.
#[cfg(target_os = "linux")]
pub fn user_idle() -> Option<Duration> {
    let mut newest: Option<std::time::SystemTime> = None;
    for dir in ["/dev/pts"] {
        for e in std::fs::read_dir(dir).ok()?.flatten() {
            if let Ok(a) = e.metadata().and_then(|m| m.accessed()) {
                newest = Some(newest.map_or(a, |n| n.max(a)));
            }
        }
    }
    newest.and_then(|n| n.elapsed().ok())
}

#[cfg(not(any(target_os = "linux", windows)))]
pub fn user_idle() -> Option<Duration> {
    None
}
