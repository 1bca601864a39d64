//! Package metadata rules: what crates.io refuses in a published `Cargo.toml`, refused here with
//! the same limits, so that a crate that publishes here also publishes there and the other way round.
//!
//! The limits and character sets follow crates.io's publish endpoint
//! (`src/controllers/krate/publish.rs`, `crates_io_validation`, `models/keyword.rs`,
//! `licenses.rs`):
//!
//! | what | rule |
//! |------|------|
//! | description | required, at most 1000 bytes (crates.io counts `str::len`) |
//! | license | `license` (an SPDX expression, `/` accepted as `OR`) or `license-file` |
//! | homepage, documentation, repository | start with `http://` or `https://` and parse as URLs |
//! | keywords | at most 5; each at most 20 bytes, ASCII alphanumeric first, then alphanumerics, `_`, `-`, `+` |
//! | categories | at most 5; an unknown slug is only a warning |
//! | features | at most 300, each enabling at most 300 (more is flagged for review, more than 5000 refused); names and values as cargo and crates.io validate them |
//! | dependencies | at most 500; valid names; valid requirements; no `*` requirement, for any kind |
//! | rust-version | a bare version: `1.70` or `1.70.0` |
//!
//! and, because this registry reads the packaged `Cargo.toml` rather than trusting the JSON:
//! no git- or path-only dependencies, no `[patch]`, no left-over `workspace = true`, a version of
//! at most 150 characters and a non-empty `links`.
//!
//! Every refusal is a [`Verdict::Reject`] finding. The others: the [`Verdict::Allow`]-severity
//! `metadata-unknown-category` warning, and `metadata-many-features` ([`Verdict::Flag`]) for more
//! than 300 features, which crates.io refuses only by default: it grants higher limits per crate
//! (`web-sys`, `winapi`), and without such a table here a moderator takes that decision.
//!
//! Deliberate differences from crates.io:
//! - A description, license or license-file made only of whitespace counts as missing.
//! - More than 300 features (or entries in one feature) is flagged, not refused; more than 5000
//!   is refused.
//! - An unknown category is a warning (crates.io's historical `invalid_categories` warning;
//!   crates.io now refuses the upload instead).
//! - Dependency names are checked only for dependencies on this registry (`registry` unset): a
//!   dependency from an allowed other registry follows that registry's naming rules, not ours.
//! - Cross-registry dependencies are not judged here (the server checks them against its
//!   allow-list).

use std::collections::BTreeMap;

use url::Url;
use wharf_tarball::Manifest;

use crate::names::validate_crate_name;
use crate::verdict::{Finding, Verdict};

/// Longest description, in bytes (crates.io's `MAX_DESCRIPTION_LENGTH`, compared with `len()`).
pub const MAX_DESCRIPTION_LENGTH: usize = 1000;
/// Most keywords per crate.
pub const MAX_KEYWORDS: usize = 5;
/// Longest keyword, in bytes (keywords are ASCII).
pub const MAX_KEYWORD_LENGTH: usize = 20;
/// Most categories per crate.
pub const MAX_CATEGORIES: usize = 5;
/// Most features per crate, and most entries per feature, before a moderator looks (crates.io's
/// default `max_features`, which it raises per crate on request).
pub const MAX_FEATURES: usize = 300;
/// Most features per crate, and most entries per feature, at all: well above the largest real
/// crates (`web-sys` declares about 1 700).
pub const MAX_FEATURES_HARD: usize = 5000;
/// Most dependencies per version, all kinds together (crates.io's default `max_dependencies`).
pub const MAX_DEPENDENCIES: usize = 500;
/// Longest version string.
pub const MAX_VERSION_LENGTH: usize = 150;
/// Longest dependency or feature-dependency name (crates.io's `MAX_NAME_LENGTH`).
const MAX_DEPENDENCY_NAME_LENGTH: usize = 64;

/// At most this many findings per rule are reported one by one; the rest are summed up in one
/// more finding, so that a manifest with 10 000 bad features gets a readable answer.
const MAX_FINDINGS_PER_RULE: usize = 5;

const MANIFEST_FILE: &str = "Cargo.toml";

/// Everything the metadata rules look at.
#[derive(Debug, Clone, Copy)]
pub struct MetadataInput<'a> {
    /// The packaged `Cargo.toml`.
    pub manifest: &'a Manifest,
    /// The version string as published.
    pub version: &'a str,
    /// The dependencies from cargo's publish JSON.
    pub deps: &'a [DependencyInput],
    /// The features from cargo's publish JSON.
    pub features: &'a BTreeMap<String, Vec<String>>,
    /// The category slugs this registry accepts (e.g.
    /// [`DEFAULT_CATEGORIES`](crate::categories::DEFAULT_CATEGORIES)).
    pub known_categories: &'a [String],
}

/// One dependency as cargo's publish JSON gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DependencyInput {
    /// The real name of the crate depended on (the `package = ...` name when renamed).
    pub name: String,
    /// The name used in `Cargo.toml` when the dependency is renamed.
    pub explicit_name: Option<String>,
    /// The version requirement.
    pub req: String,
    /// `normal`, `dev` or `build`.
    pub kind: String,
    /// The index URL of another registry, if the dependency comes from one.
    pub registry: Option<String>,
    pub optional: bool,
    pub features: Vec<String>,
}

impl From<&wharf_index::publish::PublishDependency> for DependencyInput {
    fn from(dep: &wharf_index::publish::PublishDependency) -> Self {
        DependencyInput {
            name: dep.name.clone(),
            explicit_name: dep.explicit_name_in_toml.clone(),
            req: dep.version_req.clone(),
            kind: dep.kind.clone().unwrap_or_else(|| "normal".into()),
            registry: dep.registry.clone(),
            optional: dep.optional,
            features: dep.features.clone(),
        }
    }
}

/// Checks the package metadata; an empty list means there is nothing to say.
pub fn check_metadata(input: &MetadataInput) -> Vec<Finding> {
    let mut report = Report::default();
    let package = &input.manifest.package;

    check_description(&mut report, package.description.as_deref());
    check_license(
        &mut report,
        package.license.as_deref(),
        package.license_file.as_deref(),
    );
    for (field, value) in [
        ("homepage", &package.homepage),
        ("documentation", &package.documentation),
        ("repository", &package.repository),
    ] {
        if let Some(url) = value {
            check_url(&mut report, field, url);
        }
    }
    check_keywords(&mut report, &package.keywords);
    check_categories(&mut report, &package.categories, input.known_categories);
    check_features(&mut report, input.features);
    check_dependencies(&mut report, input.deps);
    check_manifest_dependencies(&mut report, input.manifest);
    if let Some(rust_version) = &package.rust_version {
        check_rust_version(&mut report, rust_version);
    }
    check_version(&mut report, input.version);
    if input.manifest.patch.is_some() {
        report.reject(
            "metadata-patch",
            "the packaged Cargo.toml has a [patch] table, which `cargo package` removes: this file \
             was not written by cargo. Publish with `cargo publish`; [patch] only applies inside \
             your workspace and is never part of a published crate."
                .to_owned(),
        );
    }
    if input
        .manifest
        .lints
        .as_ref()
        .is_some_and(inherits_from_workspace)
    {
        report_inheritance(&mut report, "lints");
    }
    if let Some(links) = &package.links {
        if links.trim().is_empty() {
            report.reject(
                "metadata-links",
                "`package.links` is empty: set it to the name of the native library the build \
                 script links (e.g. `links = \"z\"`), or remove the key."
                    .to_owned(),
            );
        }
    }
    report.finish()
}

// ---------------------------------------------------------------------------------------------
// Single fields
// ---------------------------------------------------------------------------------------------

fn check_description(report: &mut Report, description: Option<&str>) {
    match description {
        Some(text) if !text.trim().is_empty() => {
            if text.len() > MAX_DESCRIPTION_LENGTH {
                report.reject(
                    "metadata-description",
                    format!(
                        "`package.description` is {} bytes long; at most {MAX_DESCRIPTION_LENGTH} \
                         are allowed. Keep it to a sentence or two and move the details to the \
                         README.",
                        text.len()
                    ),
                );
            }
        }
        _ => report.reject(
            "metadata-description",
            "`package.description` is missing or empty. Add a one-line summary of what the \
             crate does to [package] in Cargo.toml, e.g. `description = \"Fast JSON parsing\"`."
                .to_owned(),
        ),
    }
}

/// crates.io's SPDX parse mode: `/` as `OR` (`MIT/Apache-2.0`, common in old crates), the
/// `GPL-2.0+` spelling, and deprecated identifiers; no guessing at imprecise names
/// (`Apache 2`), no unknown identifiers.
const LICENSE_PARSE_MODE: spdx::ParseMode = spdx::ParseMode {
    allow_slash_as_or_operator: true,
    allow_imprecise_license_names: false,
    allow_postfix_plus_on_gpl: true,
    allow_deprecated: true,
    allow_unknown: false,
};

fn check_license(report: &mut Report, license: Option<&str>, license_file: Option<&str>) {
    let present = |s: Option<&str>| s.is_some_and(|s| !s.trim().is_empty());
    if present(license) {
        let license = license.unwrap_or_default();
        if let Err(err) = spdx::Expression::parse_mode(license, LICENSE_PARSE_MODE) {
            let at = license
                .get(err.span.clone())
                .filter(|s| !s.is_empty())
                .map(|s| format!(" at `{s}`"))
                .unwrap_or_default();
            report.reject(
                "metadata-license",
                format!(
                    "`package.license = {license:?}` is not a valid SPDX license expression \
                     ({reason}{at}). Use SPDX identifiers (https://spdx.org/licenses/) joined by \
                     `OR`, `AND` and `WITH`, e.g. `MIT OR Apache-2.0`; for a licence without an \
                     SPDX identifier, use `license-file = \"LICENSE\"` instead.",
                    reason = err.reason
                ),
            );
        }
    } else if !present(license_file) {
        report.reject(
            "metadata-license",
            "neither `package.license` nor `package.license-file` is set; one of them is \
             required. Add an SPDX expression such as `license = \"MIT OR Apache-2.0\"`, or \
             `license-file = \"LICENSE\"` for a licence that has no SPDX identifier."
                .to_owned(),
        );
    }
}

fn check_url(report: &mut Report, field: &str, url: &str) {
    // As crates.io: check the scheme on the text, since `Url::parse` would accept (and
    // normalise) things like `https:example.com`.
    if !url.starts_with("http://") && !url.starts_with("https://") {
        report.reject(
            "metadata-url",
            format!(
                "`package.{field} = {url:?}` must be a web address starting with `http://` or \
                 `https://`. Fix it or remove the key."
            ),
        );
    } else if let Err(err) = Url::parse(url) {
        report.reject(
            "metadata-url",
            format!(
                "`package.{field} = {url:?}` is not a valid URL ({err}). Fix it or remove the key."
            ),
        );
    }
}

fn check_keywords(report: &mut Report, keywords: &[String]) {
    if keywords.len() > MAX_KEYWORDS {
        report.reject(
            "metadata-keywords",
            format!(
                "`package.keywords` has {} entries; at most {MAX_KEYWORDS} are allowed. Keep the \
                 ones people are most likely to search for.",
                keywords.len()
            ),
        );
    }
    for keyword in keywords {
        if keyword.len() > MAX_KEYWORD_LENGTH {
            report.reject(
                "metadata-keywords",
                format!(
                    "the keyword {keyword:?} is {} bytes long; keywords may have at most \
                     {MAX_KEYWORD_LENGTH} characters.",
                    keyword.len()
                ),
            );
        } else if !valid_keyword(keyword) {
            report.reject(
                "metadata-keywords",
                format!(
                    "the keyword {keyword:?} is invalid: a keyword starts with an ASCII letter or \
                     digit and contains only ASCII letters, digits, `_`, `-` and `+` (no spaces)."
                ),
            );
        }
    }
}

/// crates.io's `Keyword::valid_name` (the length is checked separately).
pub fn valid_keyword(keyword: &str) -> bool {
    let mut chars = keyword.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
}

fn check_categories(report: &mut Report, categories: &[String], known: &[String]) {
    if categories.len() > MAX_CATEGORIES {
        report.reject(
            "metadata-categories",
            format!(
                "`package.categories` has {} entries; at most {MAX_CATEGORIES} are allowed. Keep \
                 the ones that fit the crate best.",
                categories.len()
            ),
        );
    }
    for category in categories {
        if !known.iter().any(|k| k.eq_ignore_ascii_case(category)) {
            report.push(
                "metadata-unknown-category",
                Verdict::Allow,
                format!(
                    "the category {category:?} is not one this registry knows, so it was \
                     ignored. Use a slug from the registry's category list (the same as \
                     https://crates.io/category_slugs), e.g. \"development-tools::testing\"."
                ),
            );
        }
    }
}

fn check_rust_version(report: &mut Report, value: &str) {
    // crates.io: a valid requirement made only of digits and dots.
    let valid = semver::VersionReq::parse(value).is_ok()
        && value.chars().all(|c| c.is_ascii_digit() || c == '.');
    if !valid {
        report.reject(
            "metadata-rust-version",
            format!(
                "`package.rust-version = {value:?}` is invalid: it must be a bare Rust version \
                 such as \"1.70\" or \"1.70.0\", without operators (`^`, `>=`) or pre-release \
                 suffixes."
            ),
        );
    }
}

fn check_version(report: &mut Report, version: &str) {
    let length = version.chars().count();
    if length > MAX_VERSION_LENGTH {
        let start: String = version.chars().take(40).collect();
        report.reject(
            "metadata-version",
            format!(
                "the version \"{start}…\" is {length} characters long; at most \
                 {MAX_VERSION_LENGTH} are allowed. Shorten its pre-release or build-metadata part."
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Features
// ---------------------------------------------------------------------------------------------

fn check_features(report: &mut Report, features: &BTreeMap<String, Vec<String>>) {
    check_feature_count(
        report,
        features.len(),
        || "the crate declares".to_owned(),
        "features",
    );
    for (name, values) in features {
        if let Err(why) = validate_feature_name(name) {
            report.reject(
                "metadata-features",
                format!("the feature name {name:?} is invalid: {why}. Rename the feature."),
            );
        }
        check_feature_count(
            report,
            values.len(),
            || format!("the feature {name:?} enables"),
            "features or dependencies",
        );
        for value in values {
            if let Err(why) = validate_feature_value(value) {
                report.reject(
                    "metadata-features",
                    format!("the feature {name:?} enables {value:?}, which is invalid: {why}."),
                );
            }
        }
    }
}

/// Above [`MAX_FEATURES_HARD`]: refused. Above [`MAX_FEATURES`]: crates.io would refuse it too,
/// unless the crate has been granted a higher limit (as `web-sys` and `winapi` have), so a
/// moderator decides.
fn check_feature_count(
    report: &mut Report,
    count: usize,
    subject: impl Fn() -> String,
    what: &str,
) {
    if count > MAX_FEATURES_HARD {
        report.reject(
            "metadata-features",
            format!(
                "{} {count} {what}; at most {MAX_FEATURES_HARD} are allowed. Group related \
                 options into fewer features.",
                subject()
            ),
        );
    } else if count > MAX_FEATURES {
        report.push(
            "metadata-many-features",
            Verdict::Flag,
            format!(
                "{} {count} {what}, more than the usual limit of {MAX_FEATURES} (crates.io's \
                 default, which it raises only on request for crates such as `web-sys`). The \
                 crate is published and a moderator will review it.",
                subject()
            ),
        );
    }
}

/// A feature name, as cargo and crates.io validate it: a Unicode XID start character, `_` or an
/// ASCII digit first, then XID continue characters, `+`, `-` or `.`.
pub fn validate_feature_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err("a feature name cannot be empty".to_owned());
    };
    if !(unicode_ident::is_xid_start(first) || first == '_' || first.is_ascii_digit()) {
        return Err(format!(
            "it starts with `{first}`; a feature name starts with a letter, a digit or `_`"
        ));
    }
    if let Some(c) =
        chars.find(|&c| !(unicode_ident::is_xid_continue(c) || matches!(c, '+' | '-' | '.')))
    {
        return Err(format!(
            "it contains `{c}`; feature names contain only letters, digits, `_`, `-`, `+` and `.`"
        ));
    }
    Ok(())
}

/// One entry of a feature's list: `feature`, `dep:name`, `name/feature` or `name?/feature`, as
/// crates.io's `validate_feature` reads them.
pub fn validate_feature_value(value: &str) -> Result<(), String> {
    if let Some((dep, feature)) = value.split_once('/') {
        let dep = dep.strip_suffix('?').unwrap_or(dep);
        validate_dependency_name(dep)?;
        validate_feature_name(feature)
    } else if let Some((_, dep)) = value.split_once("dep:") {
        validate_dependency_name(dep)
    } else {
        validate_feature_name(value)
    }
}

/// A name a dependency goes by in `Cargo.toml` (possibly a rename): at most 64 characters, an
/// ASCII letter or `_` first, then ASCII letters, digits, `-` or `_`.
pub fn validate_dependency_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err("a dependency name cannot be empty".to_owned());
    };
    if name.chars().count() > MAX_DEPENDENCY_NAME_LENGTH {
        return Err(format!(
            "the dependency name `{name}` is longer than {MAX_DEPENDENCY_NAME_LENGTH} characters"
        ));
    }
    if !(first.is_ascii_alphabetic() || first == '_') {
        return Err(format!(
            "the dependency name `{name}` starts with `{first}`; it must start with an ASCII \
             letter or `_`"
        ));
    }
    if let Some(c) = chars.find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        return Err(format!(
            "the dependency name `{name}` contains `{c}`; only ASCII letters, digits, `-` and `_` \
             are allowed"
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Dependencies
// ---------------------------------------------------------------------------------------------

fn check_dependencies(report: &mut Report, deps: &[DependencyInput]) {
    if deps.len() > MAX_DEPENDENCIES {
        report.reject(
            "metadata-dependencies",
            format!(
                "the crate has {} dependencies; at most {MAX_DEPENDENCIES} are allowed.",
                deps.len()
            ),
        );
    }
    for dep in deps {
        let shown = dep.explicit_name.as_deref().unwrap_or(&dep.name);
        if dep.registry.is_none() {
            if let Err(err) = validate_crate_name(&dep.name) {
                report.reject(
                    "metadata-dependencies",
                    format!("the dependency `{shown}` names an invalid crate: {err}."),
                );
            }
        }
        if let Some(explicit) = &dep.explicit_name {
            if let Err(why) = validate_dependency_name(explicit) {
                report.reject(
                    "metadata-dependencies",
                    format!("{why}. Rename the dependency."),
                );
            }
        }
        for feature in &dep.features {
            if let Err(why) = validate_feature_value(feature) {
                report.reject(
                    "metadata-dependencies",
                    format!(
                        "the dependency `{shown}` enables the feature {feature:?}, which is \
                         invalid: {why}."
                    ),
                );
            }
        }
        // crates.io refuses `*` for every kind of dependency, dev-dependencies included (its
        // `validate_dependency` runs on all of them), so this does too.
        match semver::VersionReq::parse(&dep.req) {
            Err(err) => report.reject(
                "metadata-dependencies",
                format!(
                    "the dependency `{shown}` has the version requirement {:?}, which is not a \
                     valid semver requirement ({err}). Use e.g. \"1.2\" or \">=1.2, <3\".",
                    dep.req
                ),
            ),
            Ok(req) if req == semver::VersionReq::STAR => report.reject(
                "metadata-wildcard-dependency",
                format!(
                    "the {kind}dependency `{shown}` has the version requirement `*`; wildcard \
                     requirements are not allowed, because they break as soon as `{name}` \
                     publishes an incompatible version. Require the oldest version that works, \
                     e.g. `{shown} = \"1.2\"` (see https://doc.rust-lang.org/cargo/faq.html\
                     #can-libraries-use--as-a-version-for-their-dependencies).",
                    kind = kind_prefix(&dep.kind),
                    name = dep.name,
                ),
            ),
            Ok(_) => {}
        }
    }
}

fn kind_prefix(kind: &str) -> &'static str {
    match kind {
        "dev" => "dev-",
        "build" => "build-",
        _ => "",
    }
}

/// Dependency tables and their spellings: `(key, how to show it)`.
const DEPENDENCY_TABLES: [(&str, &str); 5] = [
    ("dependencies", "dependencies"),
    ("dev-dependencies", "dev-dependencies"),
    ("dev_dependencies", "dev-dependencies"),
    ("build-dependencies", "build-dependencies"),
    ("build_dependencies", "build-dependencies"),
];

/// The manifest's own dependency tables: every dependency must come from a registry, and none may
/// still inherit from a workspace.
fn check_manifest_dependencies(report: &mut Report, manifest: &Manifest) {
    let top = [
        ("dependencies", &manifest.dependencies),
        ("dev-dependencies", &manifest.dev_dependencies),
        ("build-dependencies", &manifest.build_dependencies),
    ];
    for (table, deps) in top {
        for (name, dep) in deps {
            check_manifest_dependency(report, table, name, dep);
        }
    }
    for (cfg, value) in &manifest.target {
        let Some(target) = value.as_table() else {
            continue;
        };
        for (key, shown) in DEPENDENCY_TABLES {
            let Some(deps) = target.get(key).and_then(toml::Value::as_table) else {
                continue;
            };
            let table = format!("target.'{cfg}'.{shown}");
            for (name, dep) in deps {
                check_manifest_dependency(report, &table, name, dep);
            }
        }
    }
}

fn check_manifest_dependency(report: &mut Report, table: &str, name: &str, dep: &toml::Value) {
    let Some(detail) = dep.as_table() else {
        return; // `name = "1.2"`: a registry version.
    };
    if inherits_from_workspace(dep) {
        report_inheritance(report, &format!("{table}.{name}"));
        return;
    }
    if detail.contains_key("version") {
        return;
    }
    let source = if detail.contains_key("git") {
        "a git repository"
    } else if detail.contains_key("path") {
        "a local path"
    } else {
        return; // No source at all: cargo asks the registry for `*`, judged with the JSON.
    };
    report.reject(
        "metadata-unpublishable-dependency",
        format!(
            "the dependency `{name}` in [{table}] comes only from {source} and has no `version`, \
             so users of the published crate could not get it. Publish it to a registry and add \
             `version = \"...\"` next to `git`/`path` (cargo uses the registry version when \
             publishing){dev}.",
            dev = if table.ends_with("dev-dependencies") {
                ", or remove the dependency (cargo drops version-less dev-dependencies when it \
                 packages)"
            } else {
                ""
            }
        ),
    );
}

/// Whether a value is a `{ workspace = true, ... }` inheritance marker.
fn inherits_from_workspace(value: &toml::Value) -> bool {
    value
        .as_table()
        .and_then(|t| t.get("workspace"))
        .and_then(toml::Value::as_bool)
        == Some(true)
}

fn report_inheritance(report: &mut Report, field: &str) {
    report.reject(
        "metadata-workspace-inheritance",
        format!(
            "`{field}` still says `workspace = true`: `cargo package` replaces inherited values \
             with the workspace's own, so this Cargo.toml was not written by cargo. Publish with \
             `cargo publish` (cargo 1.64 or later)."
        ),
    );
}

// ---------------------------------------------------------------------------------------------
// Collecting findings
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct Report {
    findings: Vec<Finding>,
    /// Findings seen per rule, and the strictest severity among those left out.
    seen: BTreeMap<&'static str, (usize, Verdict)>,
}

impl Report {
    fn reject(&mut self, rule: &'static str, evidence: String) {
        self.push(rule, Verdict::Reject, evidence);
    }

    fn push(&mut self, rule: &'static str, severity: Verdict, evidence: String) {
        let entry = self.seen.entry(rule).or_insert((0, Verdict::Allow));
        entry.0 += 1;
        if entry.0 > MAX_FINDINGS_PER_RULE {
            entry.1 = entry.1.max(severity);
            return;
        }
        self.findings.push(finding(rule, severity, evidence));
    }

    fn finish(mut self) -> Vec<Finding> {
        for (rule, (count, severity)) in self.seen {
            if count > MAX_FINDINGS_PER_RULE {
                let more = count - MAX_FINDINGS_PER_RULE;
                self.findings.push(finding(
                    rule,
                    severity,
                    format!("… and {more} more problem(s) of the same kind ({rule})."),
                ));
            }
        }
        self.findings
    }
}

fn finding(rule: &str, severity: Verdict, evidence: String) -> Finding {
    Finding {
        rule: rule.to_owned(),
        severity,
        file: Some(MANIFEST_FILE.to_owned()),
        line: None,
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::categories::default_categories;
    use wharf_tarball::test_support::TarballBuilder;
    use wharf_tarball::{process_tarball, Limits};

    /// A normalised manifest as cargo 1.84 writes it, for a crate with the usual metadata.
    const REALISTIC: &str = r#"
# THIS FILE IS AUTOMATICALLY GENERATED BY CARGO
[package]
edition = "2021"
rust-version = "1.70"
name = "demo"
version = "1.2.3"
authors = ["Jane Doe <jane@example.com>"]
build = false
autolib = false
autobins = false
autoexamples = false
autotests = false
autobenches = false
description = "A fast, friendly parser for the demo format"
homepage = "https://demo.example.com/"
documentation = "https://docs.rs/demo"
readme = "README.md"
keywords = ["demo", "parser", "no-std", "c++", "utf_8"]
categories = ["parsing", "development-tools::testing"]
license = "MIT OR Apache-2.0"
repository = "https://github.com/example/demo"
links = "demo"

[features]
default = ["std"]
std = ["serde?/std", "dep:memchr"]
"c++20" = []
32-column-tables = []
serde = ["dep:serde"]

[lib]
name = "demo"
path = "src/lib.rs"

[[example]]
name = "basic"
path = "examples/basic.rs"

[dependencies.memchr]
version = "2.7"
optional = true

[dependencies.serde]
version = "1.0.190"
features = ["derive"]
optional = true
default-features = false

[dev-dependencies.criterion]
version = "0.5"

[target.'cfg(windows)'.dependencies.windows-sys]
version = "0.59"
features = ["Win32_Foundation"]
"#;

    /// `REALISTIC` after `edit`, packaged and read back the way the registry reads uploads.
    fn manifest_with(edit: impl FnOnce(&mut toml::Table)) -> Manifest {
        let mut table: toml::Table = toml::from_str(REALISTIC).unwrap();
        edit(&mut table);
        let text = toml::to_string(&table).unwrap();
        let bytes = TarballBuilder::new()
            .file("demo-1.2.3/Cargo.toml", text)
            .file("demo-1.2.3/src/lib.rs", "pub fn parse() {}\n")
            .file("demo-1.2.3/examples/basic.rs", "fn main() {}\n")
            .build();
        process_tarball("demo", "1.2.3", &bytes, &Limits::default())
            .unwrap()
            .manifest
    }

    fn package(table: &mut toml::Table) -> &mut toml::Table {
        table["package"].as_table_mut().unwrap()
    }

    fn set(key: &str, value: impl Into<toml::Value>) -> impl FnOnce(&mut toml::Table) {
        let key = key.to_owned();
        let value = value.into();
        move |t| {
            package(t).insert(key, value);
        }
    }

    fn dep(name: &str, req: &str, kind: &str) -> DependencyInput {
        DependencyInput {
            name: name.into(),
            req: req.into(),
            kind: kind.into(),
            ..Default::default()
        }
    }

    /// What cargo's JSON says about `REALISTIC`'s dependencies.
    fn realistic_deps() -> Vec<DependencyInput> {
        vec![
            DependencyInput {
                optional: true,
                ..dep("memchr", "^2.7", "normal")
            },
            DependencyInput {
                optional: true,
                features: vec!["derive".into()],
                ..dep("serde", "^1.0.190", "normal")
            },
            dep("criterion", "^0.5", "dev"),
            DependencyInput {
                features: vec!["Win32_Foundation".into()],
                ..dep("windows-sys", "^0.59", "normal")
            },
        ]
    }

    fn check_full(
        manifest: &Manifest,
        version: &str,
        deps: &[DependencyInput],
        features: Option<&BTreeMap<String, Vec<String>>>,
    ) -> Vec<Finding> {
        let known = default_categories();
        check_metadata(&MetadataInput {
            manifest,
            version,
            deps,
            features: features.unwrap_or(&manifest.features),
            known_categories: &known,
        })
    }

    fn check(manifest: &Manifest) -> Vec<Finding> {
        check_full(manifest, "1.2.3", &realistic_deps(), None)
    }

    fn check_deps(deps: &[DependencyInput]) -> Vec<Finding> {
        check_full(&manifest_with(|_| {}), "1.2.3", deps, None)
    }

    fn check_features(features: &[(&str, &[&str])]) -> Vec<Finding> {
        let features: BTreeMap<String, Vec<String>> = features
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect();
        check_full(
            &manifest_with(|_| {}),
            "1.2.3",
            &realistic_deps(),
            Some(&features),
        )
    }

    /// `(rule, severity)` of each finding.
    fn rules(findings: &[Finding]) -> Vec<(&str, Verdict)> {
        findings
            .iter()
            .map(|f| (f.rule.as_str(), f.severity))
            .collect()
    }

    fn assert_rejected(findings: &[Finding], rule: &str, evidence: &str) {
        assert!(
            findings.iter().any(|f| f.rule == rule
                && f.severity == Verdict::Reject
                && f.evidence.contains(evidence)
                && f.file.as_deref() == Some("Cargo.toml")),
            "expected a {rule} rejection mentioning {evidence:?}, got {findings:#?}"
        );
    }

    fn assert_clean(findings: &[Finding]) {
        assert!(
            findings.is_empty(),
            "expected no findings, got {findings:#?}"
        );
    }

    #[test]
    fn a_realistic_crate_has_nothing_to_report() {
        assert_clean(&check(&manifest_with(|_| {})));
    }

    #[test]
    fn description_is_required_and_bounded() {
        for edit in [
            Box::new(|t: &mut toml::Table| {
                package(t).remove("description");
            }) as Box<dyn FnOnce(&mut toml::Table)>,
            Box::new(set("description", "")),
            Box::new(set("description", " \n\t")),
        ] {
            assert_rejected(
                &check(&manifest_with(edit)),
                "metadata-description",
                "missing or empty",
            );
        }
        assert_rejected(
            &check(&manifest_with(set("description", "x".repeat(1001)))),
            "metadata-description",
            "1001 bytes",
        );
        // crates.io counts bytes: 400 three-byte characters are too many.
        assert_rejected(
            &check(&manifest_with(set("description", "語".repeat(400)))),
            "metadata-description",
            "1200 bytes",
        );
        assert_clean(&check(&manifest_with(set("description", "x".repeat(1000)))));
    }

    #[test]
    fn license_or_license_file_is_required() {
        let findings = check(&manifest_with(|t| {
            package(t).remove("license");
        }));
        assert_rejected(&findings, "metadata-license", "neither `package.license`");
        let findings = check(&manifest_with(|t| {
            package(t).insert("license".into(), "".into());
            package(t).insert("license-file".into(), " ".into());
        }));
        assert_rejected(&findings, "metadata-license", "neither");

        // A licence file alone is fine: licences without an SPDX identifier.
        assert_clean(&check(&manifest_with(|t| {
            package(t).remove("license");
            package(t).insert("license-file".into(), "LICENSE.txt".into());
        })));
    }

    #[test]
    fn license_must_be_spdx() {
        for bad in [
            "Apache 2.0",
            "MIT-ish",
            "BSD",
            "MIT OR",
            "GPLv3",
            "MIT and Apache-2.0 or",
        ] {
            let findings = check(&manifest_with(set("license", bad)));
            assert_rejected(
                &findings,
                "metadata-license",
                "not a valid SPDX license expression",
            );
        }
        // What real crates write, old spellings included.
        for good in [
            "MIT",
            "MIT OR Apache-2.0",
            "MIT/Apache-2.0",
            "Apache-2.0/MIT",
            "Apache-2.0 OR MIT OR Zlib",
            "(MIT OR Apache-2.0) AND Unicode-3.0",
            "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT",
            "GPL-3.0+",
            "GPL-2.0",
            "LGPL-2.1-or-later",
            "BSD-3-Clause",
            "Unlicense OR MIT",
            "LicenseRef-Proprietary",
            "MPL-2.0",
        ] {
            assert_clean(&check(&manifest_with(set("license", good))));
        }
    }

    #[test]
    fn urls_must_be_http() {
        for (field, bad, says) in [
            (
                "homepage",
                "github.com/example/demo",
                "must be a web address",
            ),
            (
                "repository",
                "git@github.com:example/demo.git",
                "must be a web address",
            ),
            (
                "documentation",
                "ftp://example.com/docs",
                "must be a web address",
            ),
            ("homepage", "", "must be a web address"),
            ("repository", "https://", "not a valid URL"),
            ("homepage", "http://exa mple.com", "not a valid URL"),
        ] {
            let findings = check(&manifest_with(set(field, bad)));
            assert_rejected(&findings, "metadata-url", says);
            assert!(findings[0].evidence.contains(field));
        }
        for good in [
            "http://example.com",
            "https://github.com/example/demo/tree/main/crates/demo",
            "https://docs.rs/demo/latest/demo/#usage",
        ] {
            assert_clean(&check(&manifest_with(set("repository", good))));
        }
    }

    #[test]
    fn keywords_follow_crates_io() {
        let findings = check(&manifest_with(set(
            "keywords",
            vec!["a", "b", "c", "d", "e", "f"],
        )));
        assert_rejected(&findings, "metadata-keywords", "6 entries");
        for (bad, says) in [
            ("twenty-one-characters", "21 bytes"),
            ("-leading-dash", "invalid"),
            ("_leading", "invalid"),
            ("with space", "invalid"),
            ("", "invalid"),
            ("café", "invalid"),
            ("a.b", "invalid"),
        ] {
            let findings = check(&manifest_with(set("keywords", vec![bad])));
            assert_rejected(&findings, "metadata-keywords", says);
        }
        assert_clean(&check(&manifest_with(set(
            "keywords",
            vec!["twenty-characters-xx", "c++", "no_std", "2d", "HTTP"],
        ))));
    }

    #[test]
    fn categories_unknown_warn_too_many_reject() {
        let findings = check(&manifest_with(set(
            "categories",
            vec!["parsing", "made-up-category"],
        )));
        assert_eq!(
            rules(&findings),
            [("metadata-unknown-category", Verdict::Allow)]
        );
        assert!(findings[0].evidence.contains("made-up-category"));

        let findings = check(&manifest_with(set(
            "categories",
            vec![
                "parsing",
                "encoding",
                "no-std",
                "algorithms",
                "science",
                "wasm",
            ],
        )));
        assert_eq!(rules(&findings), [("metadata-categories", Verdict::Reject)]);

        assert_clean(&check(&manifest_with(set(
            "categories",
            vec![
                "no-std::no-alloc",
                "os::windows-apis",
                "web-programming::http-client",
                "Parsing",
            ],
        ))));
    }

    #[test]
    fn feature_names_and_values_are_validated() {
        for (features, says) in [
            (&[("foo bar", &[][..])][..], "feature name \"foo bar\""),
            (&[("-start", &[][..])][..], "starts with `-`"),
            (&[("", &[][..])][..], "cannot be empty"),
            (&[("ok", &["dep:"][..])][..], "cannot be empty"),
            (&[("ok", &["dep:9lives"][..])][..], "starts with `9`"),
            (&[("ok", &["serde/"][..])][..], "cannot be empty"),
            (&[("ok", &["c++/x"][..])][..], "contains `+`"),
            (&[("ok", &["serde/de ser"][..])][..], "contains ` `"),
            (&[("ok", &["has space"][..])][..], "contains ` `"),
        ] {
            assert_rejected(&check_features(features), "metadata-features", says);
        }
        // What real crates use, including names cargo accepts beyond ASCII.
        assert_clean(&check_features(&[
            ("default", &["std", "serde?/std", "dep:memchr"]),
            ("std", &[]),
            ("32-column-tables", &[]),
            ("c++20", &[]),
            ("_internal", &[]),
            ("v1.2", &["serde/derive", "_internal"]),
            ("unstable-ß", &[]),
            ("crate_with-dash", &["windows-sys/Win32_Foundation"]),
        ]));
    }

    #[test]
    fn feature_counts_are_bounded() {
        let features = |n: usize| -> BTreeMap<String, Vec<String>> {
            (0..n).map(|i| (format!("f{i}"), Vec::new())).collect()
        };
        let manifest = manifest_with(|_| {});
        let check = |f: &BTreeMap<String, Vec<String>>| {
            check_full(&manifest, "1.2.3", &realistic_deps(), Some(f))
        };
        assert_clean(&check(&features(300)));
        // web-sys-sized: crates.io needs an exception for it, so a moderator looks.
        let findings = check(&features(1727));
        assert_eq!(
            rules(&findings),
            [("metadata-many-features", Verdict::Flag)]
        );
        assert!(findings[0].evidence.contains("declares 1727 features"));
        assert_rejected(
            &check(&features(5001)),
            "metadata-features",
            "declares 5001 features",
        );

        let wide = |n: usize| -> BTreeMap<String, Vec<String>> {
            [(
                "all".to_owned(),
                (0..n).map(|i| format!("d{i}/f")).collect(),
            )]
            .into()
        };
        assert_clean(&check(&wide(300)));
        let findings = check(&wide(301));
        assert_eq!(
            rules(&findings),
            [("metadata-many-features", Verdict::Flag)]
        );
        assert!(findings[0]
            .evidence
            .contains("the feature \"all\" enables 301"));
        assert_rejected(&check(&wide(5001)), "metadata-features", "enables 5001");
    }

    #[test]
    fn wildcard_requirements_are_refused_for_every_kind() {
        for kind in ["normal", "dev", "build"] {
            let findings = check_deps(&[dep("rand", "*", kind)]);
            assert_rejected(&findings, "metadata-wildcard-dependency", "`rand`");
        }
        let findings = check_deps(&[dep("rand", "*", "dev")]);
        assert!(findings[0].evidence.contains("dev-dependency"));
        // Not wildcards: bounded requirements that merely contain `*` or `x`.
        assert_clean(&check_deps(&[
            dep("rand", "0.8.*", "normal"),
            dep("log", "^0.4", "normal"),
            dep("libc", ">=0.2.100, <0.3", "build"),
            dep("tokio", "1", "dev"),
            dep("syn", "=2.0.87", "normal"),
        ]));
    }

    #[test]
    fn dependency_fields_are_validated() {
        let findings = check_deps(&[dep("rand", "not a version", "normal")]);
        assert_rejected(
            &findings,
            "metadata-dependencies",
            "not a valid semver requirement",
        );
        let findings = check_deps(&[dep("9rand", "1", "normal")]);
        assert_rejected(
            &findings,
            "metadata-dependencies",
            "must start with an ASCII letter",
        );
        let findings = check_deps(&[DependencyInput {
            explicit_name: Some("rand+old".into()),
            ..dep("rand", "0.7", "normal")
        }]);
        assert_rejected(&findings, "metadata-dependencies", "contains `+`");
        let findings = check_deps(&[DependencyInput {
            features: vec!["bad feature".into()],
            ..dep("rand", "0.7", "normal")
        }]);
        assert_rejected(&findings, "metadata-dependencies", "\"bad feature\"");

        // A rename, and a crate from another (allowed) registry, are fine.
        assert_clean(&check_deps(&[
            DependencyInput {
                explicit_name: Some("rand_old".into()),
                ..dep("rand", "0.7", "normal")
            },
            DependencyInput {
                registry: Some("https://other.example.com/index".into()),
                ..dep("Internal.Crate", "1", "normal")
            },
        ]));
    }

    #[test]
    fn dependency_count_is_bounded() {
        let deps: Vec<_> = (0..501)
            .map(|i| dep(&format!("dep{i}"), "1", "normal"))
            .collect();
        assert_rejected(
            &check_deps(&deps),
            "metadata-dependencies",
            "501 dependencies",
        );
        assert_clean(&check_deps(&deps[..500]));
    }

    #[test]
    fn git_and_path_only_dependencies_are_refused() {
        let path_only = |table: &'static str| {
            move |t: &mut toml::Table| {
                let mut dep = toml::Table::new();
                dep.insert("path".into(), "../helper".into());
                t.entry(table)
                    .or_insert_with(|| toml::Table::new().into())
                    .as_table_mut()
                    .unwrap()
                    .insert("helper".into(), dep.into());
            }
        };
        for table in ["dependencies", "build-dependencies", "dev-dependencies"] {
            let findings = check(&manifest_with(path_only(table)));
            assert_rejected(
                &findings,
                "metadata-unpublishable-dependency",
                &format!("`helper` in [{table}] comes only from a local path"),
            );
        }
        let findings = check(&manifest_with(|t| {
            let windows = t["target"]["cfg(windows)"].as_table_mut().unwrap();
            let git: toml::Table =
                toml::from_str("git = \"https://github.com/example/helper\"").unwrap();
            windows["dependencies"]
                .as_table_mut()
                .unwrap()
                .insert("helper".into(), git.into());
        }));
        assert_rejected(
            &findings,
            "metadata-unpublishable-dependency",
            "[target.'cfg(windows)'.dependencies] comes only from a git repository",
        );

        // With a version next to them, cargo publishes the registry version: fine.
        assert_clean(&check(&manifest_with(|t| {
            let dep: toml::Table =
                toml::from_str("path = \"../helper\"\nversion = \"0.3\"").unwrap();
            t["dependencies"]
                .as_table_mut()
                .unwrap()
                .insert("helper".into(), dep.into());
        })));
    }

    #[test]
    fn rust_version_is_a_bare_version() {
        for bad in [
            "^1.70",
            ">=1.70",
            "1.70.0-nightly",
            "1.70.0-beta.1",
            "stable",
            "",
            "1.x",
        ] {
            let findings = check(&manifest_with(set("rust-version", bad)));
            assert_rejected(&findings, "metadata-rust-version", "is invalid");
        }
        for good in ["1.70", "1.70.0", "1", "1.85.1"] {
            assert_clean(&check(&manifest_with(set("rust-version", good))));
        }
    }

    #[test]
    fn version_length_is_bounded() {
        let manifest = manifest_with(|_| {});
        let long = format!("1.0.0-{}", "a".repeat(145));
        assert_eq!(long.len(), 151);
        let findings = check_full(&manifest, &long, &realistic_deps(), None);
        assert_rejected(&findings, "metadata-version", "151 characters");
        assert_clean(&check_full(
            &manifest,
            &long[..150],
            &realistic_deps(),
            None,
        ));
    }

    #[test]
    fn patch_tables_are_refused() {
        let findings = check(&manifest_with(|t| {
            let patch: toml::Table =
                toml::from_str("[crates-io.serde]\npath = \"../serde\"").unwrap();
            t.insert("patch".into(), patch.into());
        }));
        assert_rejected(&findings, "metadata-patch", "[patch]");
    }

    #[test]
    fn left_over_workspace_inheritance_is_refused() {
        // The tarball reader already refuses these; the rule is a second line of defence, so the
        // manifest is parsed directly here.
        let parse =
            |extra: &str| -> Manifest { toml::from_str(&format!("{REALISTIC}\n{extra}")).unwrap() };
        let manifest = parse("[build-dependencies]\ncc = { workspace = true }\n");
        assert_rejected(
            &check(&manifest),
            "metadata-workspace-inheritance",
            "`build-dependencies.cc` still says `workspace = true`",
        );
        let manifest = parse("[lints]\nworkspace = true\n");
        assert_rejected(
            &check(&manifest),
            "metadata-workspace-inheritance",
            "`lints`",
        );
        let manifest =
            parse("[target.'cfg(unix)'.dev-dependencies]\nlibc = { workspace = true }\n");
        assert_rejected(
            &check(&manifest),
            "metadata-workspace-inheritance",
            "target.'cfg(unix)'.dev-dependencies.libc",
        );
        // Normalised lints are fine.
        assert_clean(&check(&parse("[lints.rust]\nunsafe_code = \"forbid\"\n")));
    }

    #[test]
    fn links_must_not_be_empty() {
        assert_rejected(
            &check(&manifest_with(set("links", ""))),
            "metadata-links",
            "`package.links` is empty",
        );
        assert_clean(&check(&manifest_with(set("links", "ssl"))));
    }

    #[test]
    fn many_problems_of_one_kind_are_summed_up() {
        let keywords: Vec<String> = (0..20).map(|i| format!("bad keyword {i}")).collect();
        let findings = check(&manifest_with(set("keywords", keywords)));
        // 21 problems (the count, then each keyword): five told one by one, 16 summed up.
        assert_eq!(findings.len(), 6);
        assert!(findings.iter().all(|f| f.rule == "metadata-keywords"));
        assert!(
            findings[5].evidence.contains("16 more"),
            "{:?}",
            findings[5]
        );
        assert_eq!(findings[5].severity, Verdict::Reject);
    }
}
