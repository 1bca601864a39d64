use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use relpwire::frame::read_frame;
use relpwire::{Frame, Message, RelpSender, SenderOptions, Severity};

/// Minimal imrelp-like server: acks everything.
fn fake_collector() -> (String, thread::JoinHandle<Vec<String>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    let h = thread::spawn(move || {
        let (s, _) = l.accept().unwrap();
        let mut r = BufReader::new(s.try_clone().unwrap());
        let mut w = s;
        let mut got = Vec::new();
        loop {
            let f = match read_frame(&mut r) {
                Ok(f) => f,
                Err(_) => break,
            };
            match f.command.as_str() {
                "open" => w.write_all(&Frame::new(f.txnr, "rsp", b"200 OK\nrelp_version=0".to_vec()).encode()).unwrap(),
                "syslog" => {
                    got.push(String::from_utf8_lossy(&f.data).into_owned());
                    w.write_all(&Frame::new(f.txnr, "rsp", b"200 OK".to_vec()).encode()).unwrap();
                }
                "close" => {
                    w.write_all(&Frame::new(f.txnr, "rsp", Vec::new()).encode()).unwrap();
                    break;
                }
                _ => {}
            }
        }
        let _ = r.fill_buf();
        got
    });
    (addr, h)
}

#[test]
fn delivers_and_acks() {
    let (addr, server) = fake_collector();
    {
        let tx = RelpSender::connect(&addr, SenderOptions::default().standby(vec![])).unwrap();
        for i in 0..10 {
            tx.send(Message::new(Severity::Info, "test", &format!("line {}", i))).unwrap();
        }
        tx.flush(Duration::from_secs(5)).unwrap();
    }
    let got = server.join().unwrap();
    assert_eq!(got.len(), 10);
    assert!(got[9].ends_with("line 9"));
}
