use derive_defaults_aj::SmartDefault;

#[derive(SmartDefault, Debug, PartialEq)]
struct Config {
    #[default = 8080]
    port: u16,
    #[default = "localhost"]
    host: String,
    #[default(_code = "vec![1, 2, 3]")]
    ids: Vec<u32>,
    #[default(Some(3))]
    retries: Option<u8>,
    verbose: bool,
}

#[derive(SmartDefault, Debug, PartialEq)]
enum Mode {
    Fast,
    #[default]
    Balanced {
        #[default = 4]
        workers: usize,
    },
    Slow,
}

#[derive(SmartDefault, Debug, PartialEq)]
struct Pair(#[default = 1] i32, i32);

#[test]
fn struct_defaults() {
    let c = Config::default();
    assert_eq!(c.port, 8080);
    assert_eq!(c.host, "localhost");
    assert_eq!(c.ids, vec![1, 2, 3]);
    assert_eq!(c.retries, Some(3));
    assert!(!c.verbose);
}

#[test]
fn enum_default() {
    assert_eq!(Mode::default(), Mode::Balanced { workers: 4 });
    let _ = (Mode::Fast, Mode::Slow);
}

#[test]
fn tuple_default() {
    assert_eq!(Pair::default(), Pair(1, 0));
}
