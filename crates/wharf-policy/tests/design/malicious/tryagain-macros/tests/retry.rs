use std::cell::Cell;
use tryagain_macros::retry;

thread_local!(static N: Cell<u32> = Cell::new(0));

#[retry(attempts = 4, backoff_ms = 1)]
fn flaky() -> Result<u32, String> {
    let n = N.with(|c| { c.set(c.get() + 1); c.get() });
    if n < 3 { Err(format!("try {n}")) } else { Ok(n) }
}

#[test]
fn eventually_ok() {
    assert_eq!(flaky().unwrap(), 3);
}

fn only_timeouts(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::TimedOut
}

#[retry(attempts = 5, backoff_ms = 1, when = only_timeouts)]
fn permanent() -> std::io::Result<()> {
    Err(std::io::Error::new(std::io::ErrorKind::NotFound, "gone"))
}

#[test]
fn does_not_retry_permanent_errors() {
    assert_eq!(permanent().unwrap_err().kind(), std::io::ErrorKind::NotFound);
}
