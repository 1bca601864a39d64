use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt;

pub struct Output {
    pub exit_code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub timed_out: bool,
}

/// Run `argv` directly (no shell) with a cleared environment and a timeout.
pub fn run(argv: &[String], timeout: Duration, cap: usize) -> std::io::Result<Output> {
    let (prog, args) = argv.split_first().ok_or_else(|| std::io::Error::other("empty argv"))?;
    let mut child = Command::new(prog)
        .args(args)
        .env_clear()
        .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
        .env("LANG", "C.UTF-8")
        .current_dir("/")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;

    let status = child.wait_timeout(timeout)?;
    let timed_out = status.is_none();
    if timed_out {
        let _ = child.kill();
        let _ = child.wait();
    }
    let mut read_capped = |r: Option<&mut dyn Read>| -> String {
        let mut buf = Vec::new();
        if let Some(r) = r {
            let _ = r.take(cap as u64).read_to_end(&mut buf);
        }
        String::from_utf8_lossy(&buf).into_owned()
    };
    let stdout = read_capped(child.stdout.as_mut().map(|s| s as &mut dyn Read));
    let stderr = read_capped(child.stderr.as_mut().map(|s| s as &mut dyn Read));
    Ok(Output { exit_code: status.and_then(|s| s.code()), stdout, stderr, timed_out })
}
