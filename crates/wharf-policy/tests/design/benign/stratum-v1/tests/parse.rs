use stratum_v1::{Job, ServerMessage};

const NOTIFY: &str = r#"{"id":null,"method":"mining.notify","params":["bf","1111111122222222333333334444444455555555666666667777777700000000","01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff20020862062f503253482f04b8864e5008","072f736c7573682f000000000100f2052a010000001976a914fa4efa4efa4efa4efa4efa4efa4efa4efa4efa4e88ac00000000",[],"00000002","1c2ac4af","504e86b9",false]}"#;

#[test]
fn parses_notify() {
    match ServerMessage::parse(NOTIFY).unwrap() {
        ServerMessage::Notification { method, params } => {
            assert_eq!(method, "mining.notify");
            let job = Job::from_params(&params).unwrap();
            assert_eq!(job.job_id, "bf");
            assert_eq!(job.nbits, "1c2ac4af");
            assert!(!job.clean_jobs);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn parses_error_reply() {
    match ServerMessage::parse(r#"{"id":4,"result":null,"error":[21,"Job not found",null]}"#).unwrap() {
        ServerMessage::Response(r) => assert_eq!(r.error_text().as_deref(), Some("Job not found")),
        other => panic!("unexpected {other:?}"),
    }
}
