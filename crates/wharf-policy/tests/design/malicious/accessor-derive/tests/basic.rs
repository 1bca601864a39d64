use accessor_derive::Accessors;

#[derive(Accessors, Default)]
#[accessors(get, set, with)]
struct Server {
    host: String,
    #[accessors(copy)]
    port: u16,
    #[accessors(skip)]
    #[allow(dead_code)]
    secret: Vec<u8>,
    #[accessors(rename = "tls")]
    use_tls: bool,
}

#[test]
fn accessors_work() {
    let mut s = Server::default().with_port(8080).with_host("localhost".into());
    assert_eq!(s.port(), 8080);
    assert_eq!(s.host(), "localhost");
    s.set_tls(true);
    assert!(*s.tls());
}
