use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

use quayhttp::{Response, Server};

fn start(srv: Server) -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    thread::spawn(move || srv.serve(l));
    port
}

fn get(port: u16, raw: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn routes_and_params() {
    let mut srv = Server::new();
    srv.get("/hello/:name", |r| Response::text(200, format!("hi {}", r.param("name").unwrap())));
    let port = start(srv);
    let out = get(port, "GET /hello/ada HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(out.starts_with("HTTP/1.1 200 OK\r\n"), "{out}");
    assert!(out.ends_with("hi ada"));
    assert!(out.contains("traceparent: 00-"));
}

#[test]
fn continues_incoming_trace() {
    let mut srv = Server::new();
    srv.get("/t", |r| Response::text(200, r.trace.as_ref().unwrap().traceparent()));
    let port = start(srv);
    let out = get(
        port,
        "GET /t HTTP/1.1\r\nConnection: close\r\ntraceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n\r\n",
    );
    assert!(out.contains("00-4bf92f3577b34da6a3ce929d0e0e4736-"), "{out}");
    assert!(!out.ends_with("00f067aa0ba902b7-01"), "server must mint its own span id");
}

#[test]
fn not_found_and_method() {
    let mut srv = Server::new();
    srv.post("/only-post", |_| Response::new(204));
    let port = start(srv);
    assert!(get(port, "GET /nope HTTP/1.1\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 404"));
    assert!(get(port, "GET /only-post HTTP/1.1\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 405"));
}
