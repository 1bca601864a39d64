use policyscript::{Decision, PolicySet, Request, Value};

const POLICY: &str = r#"
# owners can do anything with their own resources
allow "owners"  when resource.owner == subject.id;
allow "readers" when action == "read" and subject.team in resource.teams;
allow "admins"  when "admin" in subject.roles;
deny  "frozen"  when resource.frozen;
deny  "night"   when action == "delete" and (request.hour < 6 or request.hour >= 22);
"#;

fn set() -> PolicySet {
    PolicySet::parse(POLICY).unwrap()
}

#[test]
fn owner_allowed() {
    let r = Request::new().with("subject.id", "u1").with("resource.owner", "u1").with("action", "write");
    assert_eq!(set().evaluate(&r), Decision::Allow(vec!["owners".into()]));
}

#[test]
fn team_reader() {
    let r = Request::new()
        .with("subject.team", "pay")
        .with("resource.teams", Value::from(vec!["pay", "risk"]))
        .with("action", "read");
    assert!(set().evaluate(&r).is_allowed());
}

#[test]
fn deny_wins() {
    let r = Request::new()
        .with("subject.id", "u1")
        .with("resource.owner", "u1")
        .with("resource.frozen", true);
    assert_eq!(set().evaluate(&r), Decision::Deny("frozen".into()));
}

#[test]
fn missing_attributes_do_not_match() {
    assert_eq!(set().evaluate(&Request::new()), Decision::NoMatch);
}

#[test]
fn syntax_errors_have_positions() {
    match PolicySet::parse("allow \"x\" when a ==;") {
        Err(policyscript::Error::Parse { line, .. }) => assert_eq!(line, 1),
        other => panic!("unexpected {other:?}"),
    }
}
