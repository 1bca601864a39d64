use junit_report::{Outcome, Report, TestCase, TestSuite};

#[test]
fn writes_file() {
    let dir = std::env::temp_dir().join(format!("junit-report-test-{}", std::process::id()));
    let path = dir.join("nested/report.xml");
    let mut s = TestSuite::new("one");
    s.cases.push(TestCase::new("x", Outcome::Passed).output("hello ]]> world"));
    Report::new("r").suite(s).write_to(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("<?xml"));
    assert!(text.contains("]]]]><![CDATA[>"));
    std::fs::remove_dir_all(&dir).unwrap();
}
