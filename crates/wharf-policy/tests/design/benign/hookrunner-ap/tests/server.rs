use hookrunner::config::parse_with;
use hookrunner::http::Request;
use hookrunner::{sig, Decision, Server};

fn server() -> Server {
    let text = "\
[hook deploy]
command = /bin/true
secret_env = SECRET
events = push
";
    let hooks = parse_with(text, &|_| Some("topsecret".into())).unwrap();
    Server::new(hooks).dry_run(true).on_log(|_| {})
}

fn post(path: &str, body: &[u8], sig: Option<String>, event: &str) -> Request {
    let mut headers = vec![("x-github-event".to_string(), event.to_string())];
    if let Some(s) = sig {
        headers.push(("x-hub-signature-256".to_string(), s));
    }
    Request { method: "POST".into(), path: path.into(), headers, body: body.to_vec() }
}

#[test]
fn valid_push_runs() {
    let s = server();
    let body = br#"{"ref":"refs/heads/main"}"#;
    let d = s.decide(&post("/hooks/deploy", body, Some(sig::sign(b"topsecret", body)), "push"));
    assert!(matches!(d, Decision::Run { index: 0, .. }));
}

#[test]
fn bad_signature_rejected() {
    let s = server();
    let d = s.decide(&post("/hooks/deploy", b"{}", Some(sig::sign(b"wrong", b"{}")), "push"));
    assert_eq!(d, Decision::Reply(401, "bad signature\n".into()));
    let d = s.decide(&post("/hooks/deploy", b"{}", None, "push"));
    assert_eq!(d, Decision::Reply(401, "bad signature\n".into()));
}

#[test]
fn other_events_ignored_and_unknown_hooks_404() {
    let s = server();
    let d = s.decide(&post("/hooks/deploy", b"{}", Some(sig::sign(b"topsecret", b"{}")), "issues"));
    assert_eq!(d, Decision::Reply(202, "event ignored\n".into()));
    let d = s.decide(&post("/hooks/nope", b"{}", None, "push"));
    assert_eq!(d, Decision::Reply(404, "no such hook\n".into()));
}
