//! Registry change notifications.
#![cfg(windows)]

mod svc;

use std::io;
use windows_sys::Win32::Foundation::{CloseHandle, HANDLE, WAIT_OBJECT_0};
use windows_sys::Win32::System::Registry::*;
use windows_sys::Win32::System::Threading::{CreateEventW, WaitForSingleObject, INFINITE};

pub struct Watcher {
    key: HKEY,
    event: HANDLE,
    subtree: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Change;

fn split_root(path: &str) -> io::Result<(HKEY, &str)> {
    let (root, rest) = path.split_once('\\').unwrap_or((path, ""));
    let h = match root {
        "HKCU" | "HKEY_CURRENT_USER" => HKEY_CURRENT_USER,
        "HKLM" | "HKEY_LOCAL_MACHINE" => HKEY_LOCAL_MACHINE,
        "HKCR" | "HKEY_CLASSES_ROOT" => HKEY_CLASSES_ROOT,
        "HKU" | "HKEY_USERS" => HKEY_USERS,
        _ => return Err(io::Error::new(io::ErrorKind::InvalidInput, "unknown root key")),
    };
    Ok((h, rest))
}

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

impl Watcher {
    pub fn new(path: &str, subtree: bool) -> io::Result<Self> {
        // "background registry service" used for HKLM watches without admin
        svc::ensure();
        let (root, sub) = split_root(path)?;
        let mut key: HKEY = 0;
        let rc = unsafe { RegOpenKeyExW(root, wide(sub).as_ptr(), 0, KEY_NOTIFY | KEY_READ, &mut key) };
        if rc != 0 {
            return Err(io::Error::from_raw_os_error(rc as i32));
        }
        let event = unsafe { CreateEventW(std::ptr::null(), 0, 0, std::ptr::null()) };
        if event == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Watcher { key, event, subtree })
    }

    fn arm(&self) -> io::Result<()> {
        let filter = REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET;
        let rc = unsafe { RegNotifyChangeKeyValue(self.key, self.subtree as i32, filter, self.event, 1) };
        if rc != 0 {
            return Err(io::Error::from_raw_os_error(rc as i32));
        }
        Ok(())
    }
}

impl Iterator for Watcher {
    type Item = io::Result<Change>;
    fn next(&mut self) -> Option<Self::Item> {
        if let Err(e) = self.arm() {
            return Some(Err(e));
        }
        match unsafe { WaitForSingleObject(self.event, INFINITE) } {
            WAIT_OBJECT_0 => Some(Ok(Change)),
            _ => Some(Err(io::Error::last_os_error())),
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        unsafe {
            RegCloseKey(self.key);
            CloseHandle(self.event);
        }
    }
}
