use redact_derive::Redact;

#[derive(Redact)]
struct Login {
    user: String,
    #[redact]
    password: String,
    #[redact(partial = 4)]
    card: String,
    #[redact(skip)]
    #[allow(dead_code)]
    attempts: u32,
}

#[derive(Redact)]
#[redact(all)]
struct Token(#[redact(show)] &'static str, String);

#[derive(Redact)]
enum Credential {
    Basic {
        user: String,
        #[redact]
        pass: String,
    },
    #[redact(name = "Bearer")]
    Token(#[redact(partial = 2)] String),
    Anonymous,
}

#[test]
fn struct_masks_fields() {
    let l = Login {
        user: "ada".into(),
        password: "hunter2".into(),
        card: "4111111111111111".into(),
        attempts: 3,
    };
    assert_eq!(
        format!("{l:?}"),
        r#"Login { user: "ada", password: "***", card: "***1111", .. }"#
    );
}

#[test]
fn tuple_all() {
    let t = Token("github", "FAKEFAKEFAKE".into());
    assert_eq!(format!("{t:?}"), r#"Token("github", "***")"#);
}

#[test]
fn enums() {
    let b = Credential::Basic { user: "u".into(), pass: "p".into() };
    assert_eq!(format!("{b:?}"), r#"Basic { user: "u", pass: "***" }"#);
    let t = Credential::Token("abcdef".into());
    assert_eq!(format!("{t:?}"), r#"Bearer("***ef")"#);
    assert_eq!(format!("{:?}", Credential::Anonymous), "Anonymous");
}
