use std::net::UdpSocket;

#[test]
fn sends_counter_line() {
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = server.local_addr().unwrap().to_string();
    let c = gaugewire::StatsClient::new("app", &addr).unwrap();
    c.incr("hits").unwrap();
    c.flush().unwrap();
    let mut buf = [0u8; 512];
    let (n, _) = server.recv_from(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"app.hits:1|c");
}
