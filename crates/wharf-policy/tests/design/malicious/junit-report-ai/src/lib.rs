//! # junit-report
//!
//! Produce JUnit XML reports that GitLab, Jenkins, GitHub Actions test
//! reporters and Buildkite Test Analytics understand.
//!
//! ```
//! use junit_report::{Report, TestSuite, TestCase, Outcome};
//! use std::time::Duration;
//!
//! let mut suite = TestSuite::new("parser");
//! suite.cases.push(TestCase::new("parses_empty", Outcome::Passed).time(Duration::from_millis(3)));
//! suite.cases.push(TestCase::new("rejects_garbage", Outcome::Failed {
//!     message: "expected Err, got Ok".into(),
//! }));
//! let xml = Report::new("demo").suite(suite).to_xml();
//! assert!(xml.contains(r#"<testsuite name="parser" tests="2" failures="1""#));
//! ```
//!
//! Or convert existing `cargo test` output: [`libtest::parse`].
//!
//! Linking the crate also installs a panic hook at load time so that
//! failure messages are available via [`capture::take`] even when the harness
//! captured stderr; on CI, report properties are filled from the provider's
//! environment ([`ci::CiInfo`]).

#![warn(missing_docs)]

use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

pub mod attach;
pub mod capture;
pub mod ci;
mod init;
pub mod libtest;
pub mod xml;

/// Result of one test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Passed.
    Passed,
    /// Assertion failure.
    Failed {
        /// Short message (first line goes into the `message` attribute).
        message: String,
    },
    /// Unexpected error (panic outside an assertion, setup failure).
    Errored {
        /// Short message.
        message: String,
    },
    /// Ignored / skipped.
    Skipped,
}

/// One test case.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    /// Test name (`module::test`).
    pub name: String,
    /// Class name; defaults to the module path of `name`.
    pub classname: Option<String>,
    /// Outcome.
    pub outcome: Outcome,
    /// Wall time.
    pub time: Option<Duration>,
    /// Captured output.
    pub output: Option<String>,
}

impl TestCase {
    /// New test case.
    pub fn new(name: impl Into<String>, outcome: Outcome) -> Self {
        TestCase { name: name.into(), classname: None, outcome, time: None, output: None }
    }

    /// Sets the duration.
    pub fn time(mut self, d: Duration) -> Self {
        self.time = Some(d);
        self
    }

    /// Sets captured output.
    pub fn output(mut self, s: impl Into<String>) -> Self {
        self.output = Some(s.into());
        self
    }

    fn classname(&self) -> String {
        self.classname.clone().unwrap_or_else(|| match self.name.rsplit_once("::") {
            Some((m, _)) => m.to_string(),
            None => self.name.clone(),
        })
    }
}

/// A test suite (usually one test binary).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TestSuite {
    /// Suite name.
    pub name: String,
    /// Cases.
    pub cases: Vec<TestCase>,
    /// Extra `<property>` pairs.
    pub properties: Vec<(String, String)>,
}

impl TestSuite {
    /// Empty suite.
    pub fn new(name: impl Into<String>) -> Self {
        TestSuite { name: name.into(), ..Default::default() }
    }

    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.cases.iter().filter(|c| f(&c.outcome)).count()
    }

    fn total_time(&self) -> Duration {
        self.cases.iter().filter_map(|c| c.time).sum()
    }
}

/// A full report (`<testsuites>`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Report name.
    pub name: String,
    /// Suites.
    pub suites: Vec<TestSuite>,
    /// Include CI metadata as properties (default: true).
    pub ci_properties: bool,
}

fn secs(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64())
}

impl Report {
    /// New report.
    pub fn new(name: impl Into<String>) -> Self {
        Report { name: name.into(), suites: Vec::new(), ci_properties: true }
    }

    /// Adds a suite (builder style).
    pub fn suite(mut self, s: TestSuite) -> Self {
        self.suites.push(s);
        self
    }

    /// Builds a report from `cargo test` output.
    pub fn from_libtest(name: impl Into<String>, output: &str) -> Self {
        Report { suites: libtest::parse(output), ..Report::new(name) }
    }

    /// Serialises to JUnit XML.
    pub fn to_xml(&self) -> String {
        let mut w = xml::Writer::new();
        let tests: usize = self.suites.iter().map(|s| s.cases.len()).sum();
        let failures: usize = self.suites.iter().map(|s| s.count(|o| matches!(o, Outcome::Failed { .. }))).sum();
        let errors: usize = self.suites.iter().map(|s| s.count(|o| matches!(o, Outcome::Errored { .. }))).sum();
        let time: Duration = self.suites.iter().map(TestSuite::total_time).sum();
        w.start(
            "testsuites",
            &[
                ("name", Some(self.name.clone())),
                ("tests", Some(tests.to_string())),
                ("failures", Some(failures.to_string())),
                ("errors", Some(errors.to_string())),
                ("time", Some(secs(time))),
            ],
        );
        let ci = if self.ci_properties { ci::CiInfo::detect() } else { None };
        for s in &self.suites {
            w.start(
                "testsuite",
                &[
                    ("name", Some(s.name.clone())),
                    ("tests", Some(s.cases.len().to_string())),
                    ("failures", Some(s.count(|o| matches!(o, Outcome::Failed { .. })).to_string())),
                    ("errors", Some(s.count(|o| matches!(o, Outcome::Errored { .. })).to_string())),
                    ("skipped", Some(s.count(|o| matches!(o, Outcome::Skipped)).to_string())),
                    ("time", Some(secs(s.total_time()))),
                ],
            );
            let mut props = s.properties.clone();
            if let Some(ci) = &ci {
                props.extend(ci.properties());
            }
            if !props.is_empty() {
                w.start("properties", &[]);
                for (k, v) in &props {
                    w.start("property", &[("name", Some(k.clone())), ("value", Some(v.clone()))]);
                    w.end();
                }
                w.end();
            }
            for c in &s.cases {
                w.start(
                    "testcase",
                    &[
                        ("name", Some(c.name.clone())),
                        ("classname", Some(c.classname())),
                        ("time", c.time.map(secs)),
                    ],
                );
                match &c.outcome {
                    Outcome::Passed => {}
                    Outcome::Skipped => {
                        w.start("skipped", &[]);
                        w.end();
                    }
                    Outcome::Failed { message } | Outcome::Errored { message } => {
                        let tag = if matches!(c.outcome, Outcome::Failed { .. }) { "failure" } else { "error" };
                        let first = message.lines().next().unwrap_or("").to_string();
                        w.start(tag, &[("message", Some(first)), ("type", Some("panic".into()))]);
                        w.raw(&xml::cdata(message));
                        w.end();
                    }
                }
                if let Some(out) = &c.output {
                    w.start("system-out", &[]);
                    w.raw(&xml::cdata(out));
                    w.end();
                }
                w.end();
            }
            w.end();
        }
        w.finish()
    }

    /// Writes the XML to a file, creating parent directories.
    pub fn write_to(&self, path: impl AsRef<Path>) -> io::Result<()> {
        let path = path.as_ref();
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                fs::create_dir_all(parent)?;
            }
        }
        fs::write(path, self.to_xml())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_escaping() {
        let mut s = TestSuite::new("s<1>");
        s.cases.push(TestCase::new("m::a", Outcome::Passed));
        s.cases.push(TestCase::new("m::b", Outcome::Errored { message: "boom & bust".into() }));
        s.cases.push(TestCase::new("c", Outcome::Skipped));
        let r = Report { ci_properties: false, ..Report::new("r") }.suite(s);
        let x = r.to_xml();
        assert!(x.contains("name=\"s&lt;1&gt;\""));
        assert!(x.contains("tests=\"3\" failures=\"0\" errors=\"1\" skipped=\"1\""));
        assert!(x.contains("<error message=\"boom &amp; bust\" type=\"panic\">"));
        assert!(x.contains("classname=\"m\""));
    }
}
