//! `wharf scan FILE.crate... [--json]`: the publish gate, offline, on `.crate` files.
//!
//! Content rules (the scanner, metadata, cargo compatibility) need nothing but the file. Name rules
//! (reserved names, confusable and typosquatted names, internal prefixes) need a registry to compare
//! against, so they run only when `--data-dir` or `--database-url` names one, and only for names
//! the registry does not have yet, as on a real first publish. Each file gets one verdict; the exit
//! status is 0 whatever the verdicts, so scripts read them from the output.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;
use wharf_policy::engine::{evaluate, Candidate, Facts};
use wharf_policy::typosquat::TyposquatIndex;
use wharf_policy::{Finding, Verdict};
use wharf_store::Db;

use crate::config::Settings;
use crate::GlobalOptions;

#[derive(Args)]
pub struct ScanArgs {
    /// `.crate` files to judge.
    #[arg(required = true, value_name = "FILE.crate")]
    pub files: Vec<PathBuf>,
    /// One JSON object per file and line, instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also build each file once in the sealed sandbox (its build scripts and proc macros run,
    /// with no network) and judge what they did; the verdict combines both.
    #[arg(long)]
    pub detonate: bool,
}

/// How many of the most-downloaded crates typosquats are compared with, as the server's default.
const TYPOSQUAT_TOP: i64 = 3000;

#[derive(Serialize)]
struct FileVerdict {
    file: String,
    name: Option<String>,
    version: Option<String>,
    verdict: &'static str,
    findings: Vec<JsonFinding>,
    /// What the sandbox saw, with `--detonate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    detonation: Option<DetonationSummary>,
}

#[derive(Serialize)]
struct DetonationSummary {
    built: bool,
    not_run: Option<String>,
    seconds: f64,
    processes: usize,
}

#[derive(Serialize)]
struct JsonFinding {
    rule: String,
    severity: &'static str,
    file: Option<String>,
    line: Option<u32>,
    evidence: String,
}

impl From<&Finding> for JsonFinding {
    fn from(f: &Finding) -> Self {
        JsonFinding {
            rule: f.rule.clone(),
            severity: f.severity.as_str(),
            file: f.file.clone(),
            line: f.line,
            evidence: f.evidence.clone(),
        }
    }
}

pub async fn run(global: &GlobalOptions, args: &ScanArgs) -> anyhow::Result<()> {
    let registry = global.data_dir.is_some() || global.database_url.is_some();
    let db = if registry {
        let settings = Settings::load(global, None)?;
        Some(settings.open_database(false).await?)
    } else {
        None
    };
    let typosquat = match &db {
        Some(db) => Some(wharf_registry::typosquat_index(db, TYPOSQUAT_TOP).await?),
        None => None,
    };
    let work_dir = std::env::temp_dir().join(format!("wharf-scan-{}", std::process::id()));
    let sandbox = if args.detonate {
        let config = wharf_sandbox::SandboxConfig::new(work_dir.clone());
        Some(tokio::task::spawn_blocking(move || wharf_sandbox::Sandbox::probe(config)).await??)
    } else {
        None
    };
    for path in &args.files {
        let mut verdict = judge(path, db.as_ref(), typosquat.as_ref()).await?;
        if let (Some(sandbox), Some(_)) = (&sandbox, &verdict.name) {
            detonate(sandbox, path, &mut verdict)?;
        }
        if args.json {
            println!("{}", serde_json::to_string(&verdict)?);
        } else {
            print_text(&verdict);
        }
    }
    if let Some(db) = db {
        db.close().await;
    }
    if sandbox.is_some() {
        // Its dependency cache too: an offline scan keeps nothing.
        let _ = std::fs::remove_dir_all(&work_dir);
    }
    Ok(())
}

/// Adds what the sandbox saw to a file's verdict: its findings, and the stricter verdict.
fn detonate(
    sandbox: &wharf_sandbox::Sandbox,
    path: &PathBuf,
    verdict: &mut FileVerdict,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(path)?;
    let detonation = tokio::task::block_in_place(|| sandbox.detonate(&bytes))?;
    let stricter = wharf_policy::verdict::fold(&detonation.findings);
    let current = [
        Verdict::Allow,
        Verdict::Flag,
        Verdict::Hold,
        Verdict::Reject,
    ]
    .into_iter()
    .find(|v| v.as_str() == verdict.verdict)
    .unwrap_or(Verdict::Allow);
    verdict.verdict = current.max(stricter).as_str();
    verdict
        .findings
        .extend(detonation.findings.iter().map(JsonFinding::from));
    verdict.detonation = Some(DetonationSummary {
        built: detonation.built,
        not_run: detonation.not_run,
        seconds: detonation.seconds,
        processes: detonation.processes,
    });
    Ok(())
}

fn refused(file: String, evidence: String) -> FileVerdict {
    FileVerdict {
        file,
        name: None,
        version: None,
        verdict: Verdict::Reject.as_str(),
        findings: vec![JsonFinding {
            rule: "tarball".to_owned(),
            severity: Verdict::Reject.as_str(),
            file: None,
            line: None,
            evidence,
        }],
        detonation: None,
    }
}

async fn judge(
    path: &PathBuf,
    db: Option<&Db>,
    typosquat: Option<&TyposquatIndex>,
) -> anyhow::Result<FileVerdict> {
    let file = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(refused(file, format!("cannot read the file: {e}"))),
    };
    let limits = wharf_tarball::Limits::default();
    let (name, version) = match wharf_tarball::identify(&bytes, &limits) {
        Ok(identity) => identity,
        Err(e) => return Ok(refused(file, e.to_string())),
    };
    let tarball = match wharf_tarball::process_tarball(&name, &version, &bytes, &limits) {
        Ok(tarball) => tarball,
        Err(e) => return Ok(refused(file, e.to_string())),
    };
    let Ok(semver) = semver::Version::parse(&version) else {
        return Ok(refused(
            file,
            format!("`{version}` is not a semantic version"),
        ));
    };

    // The registry's facts, gathered as the server's publish gate gathers them.
    let (creates_crate, facts) = match db {
        Some(db) => {
            let creates_crate = db.crate_by_name(&name).await?.is_none();
            (
                creates_crate,
                Some(wharf_registry::name_facts(db, &name, creates_crate).await?),
            )
        }
        None => (false, None),
    };
    let (categories, reserved, prefixes, same_skeleton) = match facts {
        Some(facts) => (
            facts.categories,
            facts.reserved,
            facts.internal_prefixes,
            facts.same_skeleton,
        ),
        None => (
            wharf_policy::categories::default_categories(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        ),
    };
    let features: BTreeMap<String, Vec<String>> = tarball.manifest.features.clone();
    let evaluation = tokio::task::block_in_place(|| {
        evaluate(
            &Candidate {
                name: &name,
                version: &semver,
                tarball: &tarball,
                deps: &[],
                features: &features,
            },
            &Facts {
                // Nobody: every existing crate belongs to someone else.
                publisher_id: 0,
                creates_crate,
                known_categories: &categories,
                reserved_names: &reserved,
                same_skeleton: &same_skeleton,
                typosquat: if creates_crate { typosquat } else { None },
                internal_prefixes: &prefixes,
            },
        )
    });
    Ok(FileVerdict {
        file,
        name: Some(name),
        version: Some(version),
        verdict: evaluation.verdict.as_str(),
        findings: evaluation.findings.iter().map(JsonFinding::from).collect(),
        detonation: None,
    })
}

fn print_text(verdict: &FileVerdict) {
    let who = match (&verdict.name, &verdict.version) {
        (Some(name), Some(version)) => format!("{name} {version}"),
        _ => "?".to_owned(),
    };
    println!(
        "{}: {who}: {}",
        verdict.file,
        verdict.verdict.to_uppercase()
    );
    for f in &verdict.findings {
        let place = match (&f.file, f.line) {
            (Some(file), Some(line)) => format!(" ({file}:{line})"),
            (Some(file), None) => format!(" ({file})"),
            _ => String::new(),
        };
        println!("  [{}] {}{place}: {}", f.severity, f.rule, f.evidence);
    }
}
