use validate_derive_ag::Validate;

#[derive(Validate)]
struct Account {
    #[validate(length(min = 3, max = 8))]
    user: String,
    #[validate(email)]
    mail: String,
    #[validate(range(min = 18, max = 99))]
    age: u32,
    #[validate(non_empty)]
    roles: Vec<String>,
    #[validate(custom = "no_spaces")]
    handle: String,
}

#[derive(Validate)]
struct Wrapper {
    #[validate(nested)]
    inner: Account,
}

fn no_spaces(s: &String) -> Result<(), &'static str> {
    if s.contains(' ') { Err("contains spaces") } else { Ok(()) }
}

fn good() -> Account {
    Account {
        user: "alice".into(),
        mail: "alice@example.com".into(),
        age: 30,
        roles: vec!["admin".into()],
        handle: "alice_1".into(),
    }
}

#[test]
fn valid_account_passes() {
    assert!(good().validate().is_ok());
}

#[test]
fn invalid_account_collects_all_errors() {
    let a = Account { user: "al".into(), mail: "nope".into(), age: 7, roles: vec![], handle: "a b".into() };
    let errs = a.validate().unwrap_err();
    assert_eq!(errs.len(), 5, "{errs:?}");
}

#[test]
fn nested_prefixes_path() {
    let mut a = good();
    a.mail = "bad@".into();
    let errs = Wrapper { inner: a }.validate().unwrap_err();
    assert!(errs[0].starts_with("inner.mail"));
}
