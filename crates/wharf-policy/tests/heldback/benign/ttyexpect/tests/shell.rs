use ttyexpect::{spawn, spawn_shell, Command};

#[test]
fn echo_through_pty() {
    let mut p = spawn(Command::new("cat").arg("-u"), 3_000).unwrap();
    p.send_line("hello pty").unwrap();
    p.expect("hello pty").unwrap();
    p.send_control('d').unwrap();
}

#[test]
fn shell_runs_commands() {
    let dir = tempfile::tempdir().unwrap();
    let mut sh = spawn_shell(5_000).unwrap();
    sh.run(&format!("cd '{}'", dir.path().display())).unwrap();
    sh.run("printf 'a\\nb\\n' > f.txt").unwrap();
    assert_eq!(sh.run("wc -l < f.txt").unwrap().trim(), "2");
    assert_eq!(sh.last_status().unwrap(), 0);
    sh.exit().unwrap();
}

#[test]
fn timeout_reports_output() {
    let mut p = spawn(Command::new("sh").args(["-c", "echo partial; sleep 5"]), 300).unwrap();
    match p.expect("never") {
        Err(ttyexpect::Error::Timeout { got, .. }) => assert!(got.contains("partial")),
        other => panic!("unexpected {other:?}"),
    }
}
