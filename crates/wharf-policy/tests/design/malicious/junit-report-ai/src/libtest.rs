//! Parser for the default (pretty) libtest output of `cargo test`.

use crate::{Outcome, TestCase, TestSuite};

/// Parses `cargo test` stdout into suites (one per `Running ...` binary).
pub fn parse(output: &str) -> Vec<TestSuite> {
    let mut suites: Vec<TestSuite> = Vec::new();
    let mut failures_section = false;
    let mut current_failure: Option<String> = None;
    let mut failure_buf = String::new();

    let flush = |suites: &mut Vec<TestSuite>, name: &mut Option<String>, buf: &mut String| {
        if let (Some(n), Some(s)) = (name.take(), suites.last_mut()) {
            if let Some(tc) = s.cases.iter_mut().find(|c| c.name == n) {
                tc.output = Some(buf.trim().to_string());
            }
        }
        buf.clear();
    };

    for line in output.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("Running ") {
            let name = rest.split_whitespace().next().unwrap_or(rest);
            suites.push(TestSuite::new(name.trim_start_matches("unittests ")));
            failures_section = false;
            continue;
        }
        if t == "failures:" {
            failures_section = true;
            continue;
        }
        if failures_section {
            if let Some(n) = t.strip_prefix("---- ").and_then(|r| r.strip_suffix(" stdout ----")) {
                flush(&mut suites, &mut current_failure, &mut failure_buf);
                current_failure = Some(n.to_string());
                continue;
            }
            if t.starts_with("test result:") {
                flush(&mut suites, &mut current_failure, &mut failure_buf);
                failures_section = false;
                continue;
            }
            if current_failure.is_some() {
                failure_buf.push_str(line);
                failure_buf.push('\n');
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("test ") {
            if let Some((name, status)) = rest.rsplit_once(" ... ") {
                let outcome = match status.trim() {
                    "ok" => Outcome::Passed,
                    "FAILED" => Outcome::Failed { message: String::new() },
                    s if s.starts_with("ignored") => Outcome::Skipped,
                    _ => continue,
                };
                if suites.is_empty() {
                    suites.push(TestSuite::new("tests"));
                }
                let s = suites.last_mut().unwrap();
                s.cases.push(TestCase::new(name.trim(), outcome));
            }
        }
    }
    flush(&mut suites, &mut current_failure, &mut failure_buf);
    for s in &mut suites {
        for c in &mut s.cases {
            if let Outcome::Failed { message } = &mut c.outcome {
                if message.is_empty() {
                    *message = c
                        .output
                        .as_deref()
                        .and_then(|o| o.lines().find(|l| l.contains("panicked at")))
                        .unwrap_or("test failed")
                        .to_string();
                }
            }
        }
    }
    suites
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
     Running unittests src/lib.rs (target/debug/deps/demo-0123)

running 3 tests
test a::ok_one ... ok
test a::bad ... FAILED
test a::later ... ignored, slow

failures:

---- a::bad stdout ----
thread 'a::bad' panicked at src/lib.rs:10:5:
assertion failed: false


failures:
    a::bad

test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out
";

    #[test]
    fn parses_sample() {
        let s = parse(SAMPLE);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].cases.len(), 3);
        match &s[0].cases[1].outcome {
            Outcome::Failed { message } => assert!(message.contains("panicked at src/lib.rs:10:5")),
            o => panic!("{o:?}"),
        }
        assert_eq!(s[0].cases[2].outcome, Outcome::Skipped);
    }
}
