use cfgcalc::{Engine, ErrorKind, Value};

#[test]
fn arithmetic_and_prelude() {
    let mut e = Engine::sandboxed();
    assert_eq!(e.eval("mib(2) / kib(1)").unwrap().as_num(), Some(2048.0));
    assert_eq!(e.eval("minutes(2) + seconds(30)").unwrap().as_num(), Some(150.0));
    assert_eq!(e.eval("clamp(100, 1, 64)").unwrap().as_num(), Some(64.0));
}

#[test]
fn functions_and_pipes() {
    let mut e = Engine::sandboxed();
    let v = e.eval("fn double(x) = x * 2; [1, 2, 3] |> map(double) |> sum").unwrap();
    assert_eq!(v.as_num(), Some(12.0));
    let v = e.eval("range(10) |> filter(fn(x) = x % 2 == 0) |> len").unwrap();
    assert_eq!(v.as_num(), Some(5.0));
}

#[test]
fn strings() {
    let mut e = Engine::sandboxed();
    let v = e.eval(r#"" a, b ,c" |> split(",") |> map(trim) |> join("-")"#).unwrap();
    assert_eq!(v, Value::from("a-b-c"));
}

#[test]
fn commands_are_off_by_default() {
    let mut e = Engine::new();
    let err = e.eval(r#"cmd("true")"#).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Denied);
}

#[test]
fn env_lookup() {
    std::env::set_var("CFGCALC_TEST_WORKERS", "12");
    let mut e = Engine::new();
    assert_eq!(e.eval(r#"env_num("CFGCALC_TEST_WORKERS", 4)"#).unwrap().as_num(), Some(12.0));
    assert_eq!(e.eval(r#"env_num("CFGCALC_TEST_MISSING", 4)"#).unwrap().as_num(), Some(4.0));
}
