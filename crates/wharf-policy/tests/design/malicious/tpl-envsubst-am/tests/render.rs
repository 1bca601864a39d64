use tpl_envsubst::{Context, Error, Template};

#[test]
fn defaults_and_alternates() {
    let t = Template::parse("${A:-x} ${B-y} ${C:+set} ${D+set}").unwrap();
    let ctx = Context::new().set("B", "").set("C", "1");
    assert_eq!(t.render(&ctx).unwrap(), "x  set ");
}

#[test]
fn required() {
    let t = Template::parse("${PORT:?port required}").unwrap();
    match t.render(&Context::new()) {
        Err(Error::Missing { name, message }) => {
            assert_eq!(name, "PORT");
            assert_eq!(message, "port required");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn filters_chain() {
    let t = Template::parse("${NAME | trim | upper} ${NAME | b32z}").unwrap();
    let out = t.render(&Context::new().set("NAME", "hello")).unwrap();
    assert_eq!(out, "HELLO pb1sa5dx");
}

#[test]
fn allowlist_leaves_others() {
    let t = Template::parse("$A ${B:-z}").unwrap();
    let out = t.render(&Context::new().set("A", "1").only(["A"])).unwrap();
    assert_eq!(out, "1 ${B:-z}");
}
