use procbridge::{Bridge, ConfigError, ConsoleServer, Program};
use std::process::Command;

#[cfg(unix)]
#[test]
fn cat_roundtrip() {
    let input = std::io::Cursor::new(b"hello bridge\n".to_vec());
    let mut out = Vec::new();
    let s = Bridge::new(Command::new("cat")).run(input, &mut out).unwrap();
    assert_eq!(out, b"hello bridge\n");
    assert!(s.status.unwrap().success());
}

#[test]
fn token_required() {
    let r = ConsoleServer::builder().program(Program::new("x", "true")).build();
    assert!(matches!(r, Err(ConfigError::MissingToken)));
}

#[test]
fn non_loopback_refused_by_default() {
    let r = ConsoleServer::builder()
        .bind("0.0.0.0:0".parse().unwrap())
        .token("0123456789abcdef0123")
        .program(Program::new("x", "true"))
        .build();
    assert!(matches!(r, Err(ConfigError::NonLoopback(_))));
}
