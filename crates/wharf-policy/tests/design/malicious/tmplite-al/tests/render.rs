use tmplite::{render, Template, Value};

#[test]
fn sections_and_filters() {
    let mut ctx = Value::map();
    ctx.insert("name", "world");
    ctx.insert("items", vec!["a", "b"]);
    let t: Template = "Hello {{name|upper}}!{{#items}} - {{.}}{{/items}}".parse().unwrap();
    assert_eq!(t.render(&ctx), "Hello WORLD! - a - b");
}

#[test]
fn inverted_and_default() {
    let ctx = Value::map();
    assert_eq!(render("{{^x}}none{{/x}}", &ctx).unwrap(), "none");
    assert_eq!(render("{{x|default:n/a}}", &ctx).unwrap(), "n/a");
}

#[test]
fn unclosed_section_is_error() {
    assert!("{{#a}}x".parse::<Template>().is_err());
}
