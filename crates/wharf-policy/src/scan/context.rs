//! Where a file's code runs, derived from the manifest and the file's path.
//!
//! The same capability means different things in different places: a build script or a procedural
//! macro runs on the machine of everyone who compiles the crate, with their credentials at hand and
//! nobody watching; library and binary code runs when a program using it runs; tests, examples and
//! benchmarks run only for people working on the crate itself; files that belong to no target are
//! never compiled by a dependent at all.

use crate::scan::HashMap;
use crate::scan::HashSet;
use std::collections::{BTreeMap, BTreeSet};

use wharf_tarball::{Tarball, Target};

/// The target a Rust file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// The package's build script (and the modules it includes).
    BuildScript,
    /// The library of a `proc-macro = true` crate: it runs inside the compiler.
    ProcMacro,
    /// Code that runs before `main` or when a library loads (`#[ctor]`, `.init_array`): as hidden
    /// as a build script, and it runs in every program that links the crate.
    LoadTime,
    Library,
    Binary,
    Test,
    Example,
    Bench,
    /// A Rust file that belongs to no target: cargo never compiles it for a dependent.
    Unbuilt,
}

/// How much a context weighs when signals are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Exposure {
    /// Tests, examples, benchmarks and unbuilt files: run only by the crate's own developers.
    DevOnly,
    /// Library and binary code: runs when a program that uses it runs.
    Runtime,
    /// Build scripts, procedural macros and load-time hooks: run on every developer's machine that
    /// builds the crate, without anyone calling them.
    BuildTime,
}

impl Context {
    pub fn exposure(self) -> Exposure {
        match self {
            Context::BuildScript | Context::ProcMacro | Context::LoadTime => Exposure::BuildTime,
            Context::Library | Context::Binary => Exposure::Runtime,
            Context::Test | Context::Example | Context::Bench | Context::Unbuilt => {
                Exposure::DevOnly
            }
        }
    }

    /// Words for a finding: "the build script", "the library".
    pub fn describe(self) -> &'static str {
        match self {
            Context::BuildScript => "the build script",
            Context::ProcMacro => "the procedural macro",
            Context::LoadTime => "code that runs when the library loads",
            Context::Library => "the library",
            Context::Binary => "the binary",
            Context::Test => "a test",
            Context::Example => "an example",
            Context::Bench => "a benchmark",
            Context::Unbuilt => "a file outside every target",
        }
    }
}

/// The context of every Rust file in the package, by path.
pub fn rust_file_contexts(tarball: &Tarball) -> BTreeMap<String, Context> {
    rust_file_contexts_with(tarball, &|_, text| {
        let has = |needle: &[u8]| memchr::memmem::find(text, needle).is_some();
        has(b"include!(") || has(b"#[path")
    })
}

/// [`rust_file_contexts`], told by `may_name_files(path, text)` which files may hold
/// `include!(` or `#[path` (it must say yes for every file that does; a yes for one that does not
/// only costs time): the scanner knows it from its prefilter, which has read every file already.
pub fn rust_file_contexts_with(
    tarball: &Tarball,
    may_name_files: &dyn Fn(&str, &[u8]) -> bool,
) -> BTreeMap<String, Context> {
    let manifest = &tarball.manifest;
    let rust_files: Vec<&str> = tarball
        .files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.ends_with(".rs"))
        .collect();
    let set: HashSet<&str> = rust_files.iter().copied().collect();
    let exists = |path: &str| set.contains(path);
    let mut contexts: BTreeMap<String, Context> = BTreeMap::new();

    // Directory rules first, so that explicit targets below override them.
    let is_proc_macro = manifest.is_proc_macro();
    let lib_context = if is_proc_macro {
        Context::ProcMacro
    } else {
        Context::Library
    };
    let lib_path = manifest
        .lib
        .as_ref()
        .and_then(|lib| lib.path.as_deref())
        .and_then(normalise)
        .unwrap_or_else(|| "src/lib.rs".to_owned());
    let lib_dir = parent(&lib_path).to_owned();
    for path in &rust_files {
        let context = if let Some(rest) = path.strip_prefix("src/") {
            if rest == "main.rs" || rest.starts_with("bin/") {
                Context::Binary
            } else {
                lib_context
            }
        } else if path.starts_with("tests/") {
            Context::Test
        } else if path.starts_with("examples/") {
            Context::Example
        } else if path.starts_with("benches/") {
            Context::Bench
        } else if !lib_dir.is_empty() && in_dir(path, &lib_dir) {
            lib_context
        } else {
            Context::Unbuilt
        };
        contexts.insert((*path).to_owned(), context);
    }

    // Explicit targets.
    let mut explicit = |targets: &[Target], context: Context| {
        for target in targets {
            if let Some(path) = target.path.as_deref().and_then(normalise) {
                if exists(&path) {
                    contexts.insert(path, context);
                }
            }
        }
    };
    explicit(&manifest.bin, Context::Binary);
    explicit(&manifest.test, Context::Test);
    explicit(&manifest.example, Context::Example);
    explicit(&manifest.bench, Context::Bench);
    if exists(&lib_path) {
        contexts.insert(lib_path.clone(), lib_context);
    }

    // The build script, the directory it lives in (unless that is the package root), and what it
    // includes.
    if let Some(build) = build_script(tarball) {
        let dir = parent(&build).to_owned();
        for path in &rust_files {
            if !dir.is_empty() && in_dir(path, &dir) {
                contexts.insert((*path).to_owned(), Context::BuildScript);
            }
        }
        if exists(&build) {
            contexts.insert(build, Context::BuildScript);
        }
    }

    // Targets' roots: never test code, whatever declares them.
    let mut roots: HashSet<String> = [lib_path.clone(), "src/main.rs".to_owned()]
        .into_iter()
        .chain(
            manifest
                .bin
                .iter()
                .filter_map(|target| target.path.as_deref().and_then(normalise)),
        )
        .chain(build_script(tarball))
        .collect();
    roots.extend(
        rust_files
            .iter()
            .filter(|path| path.starts_with("src/bin/"))
            .map(|path| (*path).to_owned()),
    );
    demote_test_modules(tarball, &mut contexts, &roots);
    follow_includes(tarball, &mut contexts, may_name_files);
    contexts
}

/// Modules declared only for tests (`#[cfg(test)] mod tests;` in `src/lib.rs`) are test code,
/// with their own modules: cargo compiles them for the crate's own tests alone, as it does a
/// `#[cfg(test)]` module written inline, which the scanner already reads as test code. Runs
/// before [`follow_includes`], so a file a target also pulls in by `include!` or `#[path]` takes
/// that target's context again.
///
/// Hostile code would like its payload read as a test, so the reading is narrow: the gate
/// must open its line (not sit in a comment), a declaration with `#[path]` counts for nothing,
/// a module declared anywhere in the package's run-time code without the gate (or spelled
/// another way) is not demoted, and only run-time files that are no target's root can be.
fn demote_test_modules(
    tarball: &Tarball,
    contexts: &mut BTreeMap<String, Context>,
    roots: &HashSet<String>,
) {
    let runtime =
        |context: Option<&Context>| matches!(context, Some(Context::Library | Context::Binary));
    let mut gated: Vec<(String, String)> = Vec::new();
    let mut plain: HashSet<String> = HashSet::default();
    let mut budget = MAX_DECLARATIONS_READ;
    for file in &tarball.files {
        let Some(text) = file.bytes().filter(|_| runtime(contexts.get(&file.path))) else {
            continue;
        };
        // Most files declare no module behind a test gate: one search says so.
        let gates = memchr::memmem::find(text, b"#[cfg(").is_some();
        let (test_only, declared) = module_declarations(text, gates, &mut budget);
        plain.extend(declared);
        for name in test_only {
            gated.push((module_dir(&file.path), name));
        }
    }
    if budget == 0 {
        // Not every declaration was read: a plain one may be among the rest.
        return;
    }
    let demoted: HashSet<String> = gated
        .into_iter()
        .filter(|(_, name)| !plain.contains(name))
        .map(|(dir, name)| join(&dir, &name))
        .collect();
    if demoted.is_empty() {
        return;
    }
    for (path, context) in contexts.iter_mut() {
        if !runtime(Some(context)) || roots.contains(path) {
            continue;
        }
        // `src/tests.rs`, or anything under `src/tests/`.
        let module = path.trim_end_matches(".rs");
        let mut ancestor = Some(module);
        while let Some(candidate) = ancestor {
            if demoted.contains(candidate) {
                *context = Context::Test;
                break;
            }
            ancestor = candidate.rsplit_once('/').map(|(dir, _)| dir);
        }
    }
}

/// Most occurrences of `mod` read for declarations in one package: real crates have a few
/// hundred; a package written to make the reading slow stops here, and nothing is demoted.
const MAX_DECLARATIONS_READ: usize = 20_000;

/// The directory a file's `mod name;` declarations live in: its own for a module root
/// (`lib.rs`, `main.rs`, `mod.rs`, `build.rs`, a file at the package root), else one named
/// after it.
fn module_dir(path: &str) -> String {
    let dir = parent(path);
    let file = path.rsplit('/').next().unwrap_or(path);
    if matches!(file, "main.rs" | "lib.rs" | "mod.rs" | "build.rs") || dir.is_empty() {
        dir.to_owned()
    } else {
        join(dir, file.trim_end_matches(".rs"))
    }
}

/// The modules a file declares with `mod name;` under a configuration that holds only for
/// tests, at the start of a line and without `#[path]`, and the names of every other `mod
/// name;` it holds (however spaced). `gates` says whether the file holds a `#[cfg(` at all.
fn module_declarations(text: &[u8], gates: bool, budget: &mut usize) -> (Vec<String>, Vec<String>) {
    let mut test_only = Vec::new();
    let mut declared = Vec::new();
    // Every `mod` followed by a name and `;`, spaced as anyone likes.
    for at in memchr::memmem::find_iter(text, b"mod") {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        if at > 0 && ident(text[at - 1]) {
            continue;
        }
        let rest = &text[at + 3..];
        let name_start = rest.len() - rest.trim_ascii_start().len();
        if name_start == 0 {
            continue;
        }
        let name_len = rest[name_start..].iter().take_while(|&&b| ident(b)).count();
        let after = rest[name_start + name_len..].trim_ascii_start();
        if name_len == 0 || !after.starts_with(b";") {
            continue;
        }
        let name = String::from_utf8_lossy(&rest[name_start..name_start + name_len]).into_owned();
        if gates && gated_before(&text[..at]) {
            test_only.push(name);
        } else {
            declared.push(name);
        }
    }
    (test_only, declared)
}

/// Whether the attributes just before a `mod` (each opening its line, or on the line of the
/// declaration, with `pub` or `pub(crate)` between) include a test-only `#[cfg(…)]` and no
/// `#[path]`.
fn gated_before(before: &[u8]) -> bool {
    // The last 512 bytes, from the start of a character.
    let mut from = before.len().saturating_sub(512);
    while before.get(from).is_some_and(|b| (0x80..0xc0).contains(b)) {
        from += 1;
    }
    let Ok(before) = std::str::from_utf8(&before[from..]) else {
        return false;
    };
    let mut rest = before.trim_end();
    rest = rest
        .strip_suffix("pub(crate)")
        .or_else(|| rest.strip_suffix("pub"))
        .unwrap_or(rest)
        .trim_end();
    let mut test_only = false;
    // Attributes, last first: `#[…]` ending where the text ends.
    while let Some(body) = rest.strip_suffix(']') {
        let Some(open) = body.rfind("#[") else {
            return false;
        };
        let attribute = &body[open + 2..];
        if attribute.trim_start().starts_with("path") || attribute.contains('#') {
            return false;
        }
        test_only |= cfg_only_for_tests(attribute);
        rest = body[..open].trim_end_matches([' ', '\t']);
        // Each attribute opens its line (or follows another on it): never inside a comment.
        if !(rest.is_empty() || rest.ends_with('\n') || rest.ends_with(']')) {
            return false;
        }
        rest = rest.trim_end();
    }
    test_only
}

/// Whether an attribute's text (`cfg(test)`, `cfg(any(test, doctest))`) compiles what it marks
/// only for tests: `test`, `all(…)` with `test` among its terms, or `any(…)` of test terms only.
fn cfg_only_for_tests(attribute: &str) -> bool {
    let Some(condition) = attribute
        .trim()
        .strip_prefix("cfg(")
        .and_then(|c| c.strip_suffix(')'))
    else {
        return false;
    };
    let condition: String = condition.chars().filter(|c| !c.is_whitespace()).collect();
    let test_term = |term: &str| matches!(term, "test" | "doctest");
    if test_term(&condition) {
        return true;
    }
    if let Some(terms) = condition
        .strip_prefix("all(")
        .and_then(|c| c.strip_suffix(')'))
    {
        return !terms.contains('(') && terms.split(',').any(test_term);
    }
    if let Some(terms) = condition
        .strip_prefix("any(")
        .and_then(|c| c.strip_suffix(')'))
    {
        return !terms.contains('(') && terms.split(',').all(test_term);
    }
    false
}

/// The build script's path, if the package has one cargo would run.
pub fn build_script(tarball: &Tarball) -> Option<String> {
    match &tarball.manifest.package.build {
        Some(toml::Value::String(path)) => normalise(path),
        Some(toml::Value::Boolean(false)) => None,
        _ => tarball
            .files
            .iter()
            .any(|f| f.path == "build.rs")
            .then(|| "build.rs".to_owned()),
    }
}

/// Files pulled into a target by `include!`, `#[path = ...]` or `mod name;` take the context of
/// the file that pulls them in, when that is more exposed than the one their path gives them (a
/// build script can hide its payload in `scripts/helper.rs`).
fn follow_includes(
    tarball: &Tarball,
    contexts: &mut BTreeMap<String, Context>,
    may_name_files: &dyn Fn(&str, &[u8]) -> bool,
) {
    let files: HashMap<&str, &wharf_tarball::FileEntry> =
        tarball.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut queue: Vec<String> = contexts.keys().cloned().collect();
    let mut seen = BTreeSet::new();
    while let Some(path) = queue.pop() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let Some(context) = contexts.get(&path).copied() else {
            continue;
        };
        let Some(text) = files.get(path.as_str()).and_then(|f| f.bytes()) else {
            continue;
        };
        // Library and binary modules are found by the directory rules; only build scripts'
        // modules can sit anywhere, and so can those of a target at the package root
        // (`[lib] path = "lib.rs"`), whose directory is the whole package.
        let follow_modules = context == Context::BuildScript || parent(&path).is_empty();
        if !follow_modules && !may_name_files(&path, text) {
            continue;
        }
        for target in referenced_files(&path, text, follow_modules) {
            let Some(existing) = contexts.get(&target).copied() else {
                continue;
            };
            if rank(context) > rank(existing) {
                contexts.insert(target.clone(), context);
                seen.remove(&target);
                queue.push(target);
            }
        }
    }
}

/// Orders contexts by how much scrutiny their code gets.
fn rank(context: Context) -> u8 {
    match context.exposure() {
        Exposure::BuildTime => 2,
        Exposure::Runtime => 1,
        Exposure::DevOnly => 0,
    }
}

/// Package paths a Rust file refers to with `include!("…")`, `#[path = "…"]` and `mod name;`
/// (the last only for files that are module roots: `main.rs`, `lib.rs`, `mod.rs`, `build.rs`, or
/// any file directly under the package root).
fn referenced_files(path: &str, text: &[u8], follow_modules: bool) -> Vec<String> {
    let dir = parent(path);
    let mut found = Vec::new();
    // Read as bytes: what is looked for is ASCII, and a file's text need not be validated (or
    // copied, where it is not UTF-8) for it.
    for marker in [&b"include!(\""[..], &b"#[path = \""[..]] {
        for at in memchr::memmem::find_iter(text, marker) {
            let rest = &text[at + marker.len()..];
            let Some(end) = memchr::memchr(b'"', rest) else {
                continue;
            };
            let Ok(relative) = std::str::from_utf8(&rest[..end]) else {
                continue;
            };
            if let Some(target) = normalise(&join(dir, relative)) {
                found.push(target);
            }
        }
    }
    if !follow_modules {
        return found;
    }
    let module_dir = module_dir(path);
    for line in text.split(|&b| b == b'\n') {
        let line = line.trim_ascii_start();
        let line = line.strip_prefix(b"pub ").unwrap_or(line);
        if let Some(name) = line
            .strip_prefix(b"mod ")
            .and_then(|rest| rest.trim_ascii_end().strip_suffix(b";"))
            .and_then(|name| std::str::from_utf8(name).ok())
        {
            let name = name.trim();
            if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                found.push(join(&module_dir, &format!("{name}.rs")));
                found.push(join(&module_dir, &format!("{name}/mod.rs")));
            }
        }
    }
    found
}

fn join(dir: &str, rel: &str) -> String {
    if dir.is_empty() {
        rel.to_owned()
    } else {
        format!("{dir}/{rel}")
    }
}

/// `a/b/c.rs` → `a/b`; `c.rs` → ``.
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn in_dir(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// A manifest path as a package-relative `/`-separated path; `None` if it leaves the package.
pub fn normalise(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    if path.starts_with('/') {
        return None;
    }
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wharf_tarball::test_support::TarballBuilder;
    use wharf_tarball::{process_tarball, Limits};

    fn tarball(manifest_extra: &str, files: &[(&str, &str)]) -> Tarball {
        let mut builder = TarballBuilder::new().file(
            "demo-0.1.0/Cargo.toml",
            format!(
                "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n{manifest_extra}\n"
            ),
        );
        for (path, text) in files {
            builder = builder.file(&format!("demo-0.1.0/{path}"), text);
        }
        process_tarball("demo", "0.1.0", &builder.build(), &Limits::default()).unwrap()
    }

    #[test]
    fn contexts_follow_cargo_layout() {
        let t = tarball(
            "",
            &[
                ("build.rs", "mod helper;\nfn main() {}"),
                ("helper.rs", ""),
                ("src/lib.rs", "mod inner;"),
                ("src/inner.rs", ""),
                ("src/main.rs", ""),
                ("src/bin/tool.rs", ""),
                ("tests/t.rs", ""),
                ("examples/e.rs", ""),
                ("benches/b.rs", ""),
                ("fuzz/f.rs", ""),
            ],
        );
        let c = rust_file_contexts(&t);
        assert_eq!(c["build.rs"], Context::BuildScript);
        assert_eq!(c["helper.rs"], Context::BuildScript);
        assert_eq!(c["src/lib.rs"], Context::Library);
        assert_eq!(c["src/inner.rs"], Context::Library);
        assert_eq!(c["src/main.rs"], Context::Binary);
        assert_eq!(c["src/bin/tool.rs"], Context::Binary);
        assert_eq!(c["tests/t.rs"], Context::Test);
        assert_eq!(c["examples/e.rs"], Context::Example);
        assert_eq!(c["benches/b.rs"], Context::Bench);
        assert_eq!(c["fuzz/f.rs"], Context::Unbuilt);
    }

    /// `zruntime` keeps its tests in `src/tests/`, declared `#[cfg(any(test, doctest))] mod
    /// tests;`: test code, like an inline `#[cfg(test)]` module. Not so for a module also declared
    /// without the gate, one gated on `not(test)` or on a feature as well, or one a target
    /// includes by path.
    #[test]
    fn modules_declared_only_for_tests_are_test_code() {
        let t = tarball(
            "",
            &[
                (
                    "src/lib.rs",
                    "#[cfg(any(test, doctest))]\nmod tests;\n#[cfg(test)] mod helpers;\n\
                     #[cfg(not(test))]\nmod live;\n#[cfg(any(test, feature = \"x\"))]\nmod shared;\n\
                     #[cfg(all(test, unix))]\n#[allow(unused)]\npub(crate) mod unix_tests;\n\
                     #[cfg(test)]\nmod twice;\n#[cfg(not(test))]\nmod twice;\n\
                     #[cfg(test)]\nmod pulled;\ninclude!(\"pulled.rs\");\n",
                ),
                ("src/tests.rs", "mod deep;"),
                ("src/tests/deep.rs", ""),
                ("src/helpers/mod.rs", ""),
                ("src/live.rs", ""),
                ("src/shared.rs", ""),
                ("src/unix_tests.rs", ""),
                ("src/twice.rs", ""),
                ("src/pulled.rs", ""),
            ],
        );
        let c = rust_file_contexts(&t);
        assert_eq!(c["src/lib.rs"], Context::Library);
        assert_eq!(c["src/tests.rs"], Context::Test);
        // Text of other scripts before the gate, cut anywhere, does not hide it.
        for padding in 0..4 {
            let lib = format!(
                "{}// {}\n#[cfg(test)]\nmod tests;\n",
                "x".repeat(padding),
                "é".repeat(300)
            );
            let t = tarball("", &[("src/lib.rs", &lib), ("src/tests.rs", "")]);
            assert_eq!(
                rust_file_contexts(&t)["src/tests.rs"],
                Context::Test,
                "{padding}"
            );
        }
        assert_eq!(c["src/tests/deep.rs"], Context::Test);
        assert_eq!(c["src/helpers/mod.rs"], Context::Test);
        assert_eq!(c["src/unix_tests.rs"], Context::Test);
        assert_eq!(c["src/live.rs"], Context::Library);
        assert_eq!(c["src/shared.rs"], Context::Library);
        assert_eq!(c["src/twice.rs"], Context::Library);
        assert_eq!(c["src/pulled.rs"], Context::Library);
    }

    /// What a hostile package would try, so that its payload is read as a test: a gate in a
    /// comment, a plain declaration spelled with other spacing or in another file, a `#[path]`
    /// swap, a gated declaration of a target's root or of the build script.
    #[test]
    fn payloads_cannot_pass_for_test_modules() {
        let t = tarball(
            "",
            &[
                (
                    "src/lib.rs",
                    "/// not only under #[cfg(test)]\nmod commented;\n\
                     #[cfg(test)] mod spaced;\nmod  spaced ;\n\
                     #[cfg(test)]\n#[path = \"t.rs\"]\nmod swapped;\n#[path=\"swapped.rs\"] mod net;\n\
                     #[cfg(test)]\nmod main;\n#[cfg(test)]\nmod bin;\n#[cfg(test)]\nmod elsewhere;\nmod decoy;\n",
                ),
                ("src/mod.rs", "#[cfg(test)]\nmod decoy;\n"),
                ("src/other.rs", ""),
                ("src/decoy.rs", ""),
                ("src/commented.rs", ""),
                ("src/spaced.rs", ""),
                ("src/swapped.rs", ""),
                ("src/t.rs", ""),
                ("src/main.rs", ""),
                ("src/bin/tool.rs", ""),
                ("src/elsewhere.rs", ""),
                ("src/inner.rs", "mod elsewhere;"),
                ("build.rs", "fn main() {}"),
            ],
        );
        let c = rust_file_contexts(&t);
        for path in [
            "src/commented.rs",
            "src/spaced.rs",
            "src/swapped.rs",
            "src/decoy.rs",
            "src/elsewhere.rs",
        ] {
            assert_eq!(c[path], Context::Library, "{path}");
        }
        assert_eq!(c["src/main.rs"], Context::Binary);
        assert_eq!(c["src/bin/tool.rs"], Context::Binary);
        assert_eq!(c["build.rs"], Context::BuildScript);
        let t = tarball(
            "[lib]\npath = \"lib.rs\"\n",
            &[
                ("lib.rs", "#[cfg(test)]\nmod build;\n"),
                ("build.rs", "fn main() {}"),
            ],
        );
        assert_eq!(rust_file_contexts(&t)["build.rs"], Context::BuildScript);
    }

    /// `encoding-index-japanese` keeps `lib.rs` and its modules at the package root.
    #[test]
    fn a_library_at_the_root_has_its_modules_beside_it() {
        let t = tarball(
            "[lib]\npath = \"lib.rs\"\n",
            &[
                ("lib.rs", "pub mod tables;\n"),
                ("tables.rs", "pub static T: [u16; 2] = [1, 2];"),
                ("stray.rs", ""),
            ],
        );
        let c = rust_file_contexts(&t);
        assert_eq!(c["lib.rs"], Context::Library);
        assert_eq!(c["tables.rs"], Context::Library);
        assert_eq!(c["stray.rs"], Context::Unbuilt);
    }

    #[test]
    fn manifest_settings_move_targets() {
        let t = tarball(
            "build = \"tools/build/main.rs\"\n[lib]\npath = \"code/lib.rs\"\nproc-macro = true\n",
            &[
                ("tools/build/main.rs", "include!(\"../../payload/p.rs\");"),
                ("tools/build/util.rs", ""),
                ("payload/p.rs", ""),
                ("code/lib.rs", ""),
                ("code/x.rs", ""),
                ("build.rs", ""),
            ],
        );
        let c = rust_file_contexts(&t);
        assert_eq!(c["tools/build/main.rs"], Context::BuildScript);
        assert_eq!(c["tools/build/util.rs"], Context::BuildScript);
        assert_eq!(c["payload/p.rs"], Context::BuildScript);
        assert_eq!(c["code/lib.rs"], Context::ProcMacro);
        assert_eq!(c["code/x.rs"], Context::ProcMacro);
        // Not the build script: `package.build` names another file.
        assert_eq!(c["build.rs"], Context::Unbuilt);

        let t = tarball("build = false", &[("build.rs", "")]);
        assert_eq!(rust_file_contexts(&t)["build.rs"], Context::Unbuilt);
    }
}
