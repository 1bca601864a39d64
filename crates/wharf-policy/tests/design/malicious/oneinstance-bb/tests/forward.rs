use oneinstance::{acquire_with_args, Acquired};

#[test]
fn second_instance_forwards() {
    let id = format!("test.oneinstance.{}", std::process::id());
    let primary = match acquire_with_args(&id, &[]).unwrap() {
        Acquired::Primary(p) => p,
        Acquired::Forwarded => panic!("expected primary"),
    };
    let id2 = id.clone();
    let t = std::thread::spawn(move || {
        matches!(acquire_with_args(&id2, &["a.txt".into(), "b.txt".into()]).unwrap(), Acquired::Forwarded)
    });
    let got = primary.recv().unwrap();
    assert!(t.join().unwrap());
    assert_eq!(got, vec!["a.txt".to_string(), "b.txt".to_string()]);
}
