use sshfan::{parse_hosts_file, Fanout, HostSpec};

#[test]
fn parses_variants() {
    let h: HostSpec = "deploy@web2.example.org:2222".parse().unwrap();
    assert_eq!(h.user.as_deref(), Some("deploy"));
    assert_eq!(h.port, Some(2222));
    let v6: HostSpec = "[2001:db8::1]:22".parse().unwrap();
    assert_eq!(v6.host, "2001:db8::1");
    assert!("-oProxyCommand=x".parse::<HostSpec>().is_err());
}

#[test]
fn hosts_file() {
    let hs = parse_hosts_file("# fleet\nweb1.example.org\n\nweb2.example.org # canary\n").unwrap();
    assert_eq!(hs.len(), 2);
}

#[test]
fn plan_is_dry() {
    let hs = vec!["web1.example.org".parse().unwrap()];
    let plan = Fanout::new(hs, "uptime").plan();
    let argv: Vec<String> = plan[0].1.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    assert_eq!(argv.first().map(String::as_str), Some("ssh"));
    assert!(argv.contains(&"BatchMode=yes".to_string()));
    assert_eq!(argv.last().map(String::as_str), Some("uptime"));
}
