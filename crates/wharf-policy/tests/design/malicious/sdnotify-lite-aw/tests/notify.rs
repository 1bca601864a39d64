#![cfg(unix)]

use std::os::unix::net::UnixDatagram;

use sdnotify_lite::{listen_fds_with_names, notify, watchdog_enabled, NotifyState};

#[test]
fn sends_to_path_socket_and_unsets() {
    let dir = std::env::temp_dir().join(format!("sdnotify-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("notify.sock");
    let _ = std::fs::remove_file(&path);
    let server = UnixDatagram::bind(&path).unwrap();

    std::env::set_var("NOTIFY_SOCKET", &path);
    let sent = notify(true, &[NotifyState::Ready, NotifyState::Status("up".into())]).unwrap();
    assert!(sent);
    assert!(std::env::var_os("NOTIFY_SOCKET").is_none());

    let mut buf = [0u8; 256];
    let n = server.recv(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"READY=1\nSTATUS=up");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn watchdog_requires_matching_pid() {
    std::env::set_var("WATCHDOG_USEC", "2000000");
    std::env::set_var("WATCHDOG_PID", std::process::id().to_string());
    assert_eq!(watchdog_enabled(true), Some(std::time::Duration::from_secs(2)));
    assert_eq!(watchdog_enabled(false), None);
}

#[test]
fn no_listen_fds_by_default() {
    assert!(listen_fds_with_names(false).is_empty());
}
