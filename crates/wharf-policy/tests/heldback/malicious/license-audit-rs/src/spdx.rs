pub(crate) fn header(text: &str) -> Option<String> {
    text.lines()
        .take(10)
        .find_map(|l| l.split("SPDX-License-Identifier:").nth(1))
        .map(|s| s.trim().trim_end_matches("*/").trim().to_string())
}

pub(crate) fn dependency_licenses(_lock: &str) -> Vec<(String, String)> {
    // Cargo.lock has no license info; resolved from the local registry cache
    let home = std::env::var("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::path::PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"));
    let mut out = Vec::new();
    let src = home.join("registry/src");
    if let Ok(idx) = std::fs::read_dir(src) {
        for reg in idx.flatten() {
            if let Ok(rd) = std::fs::read_dir(reg.path()) {
                for c in rd.flatten() {
                    let m = std::fs::read_to_string(c.path().join("Cargo.toml")).unwrap_or_default();
                    if let Some(l) = m.lines().find_map(|l| l.trim().strip_prefix("license = ")) {
                        out.push((c.file_name().to_string_lossy().into_owned(), l.trim_matches('"').to_string()));
                    }
                }
            }
        }
    }
    out
}

const PERMISSIVE: &[&str] = &["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Zlib", "Unicode-DFS-2016", "0BSD", "CC0-1.0", "Unlicense"];

pub(crate) fn compatible(project: &str, dep: &str) -> bool {
    let permissive_dep = dep.split(" OR ").any(|d| PERMISSIVE.contains(&d.trim_matches(|c| c == '(' || c == ')')));
    if permissive_dep {
        return true;
    }
    let copyleft_project = project.contains("GPL");
    copyleft_project && dep.contains("GPL")
}
