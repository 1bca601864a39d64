use shexpand::{expand_with, Error, FnContext, Options};
use std::collections::HashMap;
use std::path::PathBuf;

struct Fixed(HashMap<&'static str, &'static str>);

impl shexpand::Context for Fixed {
    fn var(&self, name: &str) -> Option<String> {
        self.0.get(name).map(|s| s.to_string())
    }
    fn home(&self) -> Option<PathBuf> {
        Some(PathBuf::from("/home/tester"))
    }
    fn user_home(&self, user: &str) -> Option<PathBuf> {
        (user == "ops").then(|| PathBuf::from("/srv/ops"))
    }
}

fn ctx() -> Fixed {
    let mut m = HashMap::new();
    m.insert("A", "alpha");
    m.insert("EMPTY", "");
    m.insert("N", "12345");
    Fixed(m)
}

fn x(s: &str) -> Result<String, Error> {
    expand_with(s, &ctx(), &Options::default()).map(|c| c.into_owned())
}

#[test]
fn plain_vars() {
    assert_eq!(x("$A/${A}/$$").unwrap(), "alpha/alpha/$");
    assert_eq!(x("x${MISSING}y").unwrap(), "xy");
}

#[test]
fn operators() {
    assert_eq!(x("${MISSING:-d}").unwrap(), "d");
    assert_eq!(x("${EMPTY:-d}").unwrap(), "d");
    assert_eq!(x("${EMPTY-d}").unwrap(), "");
    assert_eq!(x("${A:+set}").unwrap(), "set");
    assert_eq!(x("${EMPTY:+set}").unwrap(), "");
    assert_eq!(x("${#N}").unwrap(), "5");
    assert!(matches!(x("${MISSING:?need it}"), Err(Error::Unset { .. })));
}

#[test]
fn nested() {
    assert_eq!(x("${MISSING:-${A:-no}}").unwrap(), "alpha");
    assert_eq!(x("${MISSING:-~/cache}").unwrap(), "/home/tester/cache");
}

#[test]
fn tildes() {
    assert_eq!(x("~/x").unwrap(), "/home/tester/x");
    assert_eq!(x("~ops/y:~/z").unwrap(), "/srv/ops/y:/home/tester/z");
    assert_eq!(x("a~b").unwrap(), "a~b");
    assert!(matches!(x("~nobody/q"), Err(Error::UnknownUser(_))));
}

#[test]
fn substitution_is_opt_in() {
    assert_eq!(x("$(echo hi)"), Err(Error::SubstitutionDisabled));
}

#[test]
fn closure_context() {
    let c = FnContext(|n: &str| (n == "Q").then(|| "q".to_string()));
    assert_eq!(expand_with("$Q$Q", &c, &Options::default()).unwrap(), "qq");
}

#[test]
fn escapes() {
    assert_eq!(x("\\$A \\~").unwrap(), "$A ~");
}
