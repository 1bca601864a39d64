use pool_stats_parse::stratum::{parse_line, Message};

#[test]
fn notify() {
    let l = r#"{"id":null,"method":"mining.notify","params":["bf","4d16b6f85af6e2198f44ae2a6de67f78487ae5611b77c6c0440b921e00000000","01000000010000","072f736c7573682f000000000100f2052a010000001976a914d23fcdf86f7e756a64a7a9688ef9903327048ed988ac00000000",[],"00000002","1c2ac4af","504e86b9",false]}"#;
    match parse_line(l).unwrap() {
        Message::Notify(n) => {
            assert_eq!(n.job_id, "bf");
            assert!(!n.clean_jobs);
        }
        m => panic!("{:?}", m),
    }
}

#[test]
fn cryptonote_job() {
    // synthetic values; the wallet in the login line is a placeholder, not a real address
    let _login = r#"{"id":1,"method":"login","params":{"login":"4EXAMPLEEXAMPLEEXAMPLEEXAMPLE","pass":"x","agent":"test/1.0"}}"#;
    let l = r#"{"jsonrpc":"2.0","method":"job","params":{"blob":"0707aabb","job_id":"j1","target":"b88d0600","height":3100000}}"#;
    assert!(matches!(parse_line(l).unwrap(), Message::CnJob { .. }));
}

#[test]
fn submit_rejected() {
    let l = r#"{"id":4,"result":null,"error":[23,"Low difficulty share",null]}"#;
    assert!(matches!(parse_line(l).unwrap(), Message::SubmitResult { accepted: false, .. }));
}
