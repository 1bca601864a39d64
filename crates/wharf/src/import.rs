//! `wharf import`: `.crate` files an operator already has, published as versions of this
//! registry for an owner they name, through the registry's own publish checks
//! ([`Registry::import`]).
//!
//! Safe to run again: a version already stored from the same file is counted as already there,
//! so an import that stopped part way is finished by running it once more. A person at a terminal
//! sees a progress bar with the rate and the time left; logs and pipes get one line per file;
//! `--json` prints one report for machines.

use anyhow::{bail, Context};
use bytes::Bytes;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;
use wharf_registry::{ImportOutcome, ImportedFile, Principal, Registry, SourceFacts};
use wharf_store::Db;

#[derive(Args)]
pub struct ImportArgs {
    /// `.crate` files, and directories searched (with their subdirectories) for them: a cargo
    /// cache (`~/.cargo/registry/cache`), a mirror, a backup.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The user who owns the crates the import creates; versions of crates that exist already
    /// must be theirs.
    #[arg(long, value_name = "LOGIN")]
    owner: String,
    /// The index URL of the registry the files were packaged for, when moving from it to this
    /// one: their dependencies on it become dependencies on this registry (as do those on this
    /// registry's own `public_url`). Repeatable.
    #[arg(long = "local-index", value_name = "INDEX_URL")]
    local_indexes: Vec<String>,
    /// A copy of the index the files come from (cargo's layout: `se/rd/serde`, a JSON line per
    /// version): versions it says are yanked are yanked here too, also on a later run.
    #[arg(long = "index", value_name = "DIR")]
    index: Option<PathBuf>,
    /// A database dump of the registry the files come from, in crates.io's layout (crates.io's
    /// `db-dump.tar.gz`, or another Wharf's): versions it lists are dated as published there and
    /// yanked as there, and a file other than the one published there is refused.
    #[arg(long = "db-dump", value_name = "FILE")]
    db_dump: Option<PathBuf>,
    /// With `--db-dump`: take each owner in the dump to be the account of the same login here,
    /// which only the operator can vouch for (accounts moved from another Wharf, say; never
    /// where anyone could sign up under someone else's login first). A new crate then goes to its
    /// first owner there who has an account here, and its other owners are invited; without this
    /// every new crate goes to `--owner`.
    #[arg(long, requires = "db_dump")]
    match_owners: bool,
    /// Print one JSON report on standard output instead of lines for people. The exit status is
    /// 1 when any file was refused, in both forms.
    #[arg(long)]
    json: bool,
}

/// What an import did, as `--json` prints it.
#[derive(Serialize, Default)]
struct Report {
    files: usize,
    imported: usize,
    /// Imported, but held for the moderators' review by the publish policy.
    held: usize,
    already_there: usize,
    /// Yanked as the source index says.
    yanked: usize,
    /// Invitations sent to a new crate's other owners in the database dump.
    invited: usize,
    refused: Vec<Refusal>,
    seconds: f64,
    files_per_second: f64,
}

#[derive(Serialize)]
struct Refusal {
    file: PathBuf,
    reason: String,
}

pub async fn run(
    registry: &Registry,
    db: &Db,
    args: &ImportArgs,
    actor: wharf_store::Actor,
) -> anyhow::Result<()> {
    let user = db
        .user_by_login(&args.owner)
        .await?
        .with_context(|| format!("there is no user `{}`", args.owner))?;
    // The operator acts for the owner, with every right the owner has.
    let owner = Principal {
        user,
        token: None,
        actor: actor.clone(),
        trusted_publishing_token: None,
    };
    let dump = match &args.db_dump {
        Some(path) => {
            let path = path.clone();
            let started = Instant::now();
            let dump = tokio::task::spawn_blocking(move || DumpFacts::load(&path))
                .await
                .context("reading the database dump failed")??;
            if !args.json {
                eprintln!(
                    "read the database dump: {} versions of {} crates in {:.1} s",
                    dump.versions.len(),
                    dump.owners.len(),
                    started.elapsed().as_secs_f64()
                );
            }
            Some(dump)
        }
        None => None,
    };
    // The dump's owners who have an account here, as the operator acts for them.
    let mut dump_owners: HashMap<String, Option<Principal>> = HashMap::new();
    let mut files = Vec::new();
    for path in &args.paths {
        collect_crate_files(path, &mut files)
            .with_context(|| format!("cannot read {}", path.display()))?;
    }
    files.sort();
    files.dedup();

    let started = Instant::now();
    let mut report = Report {
        files: files.len(),
        ..Report::default()
    };
    let bar = (!args.json && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(files.len() as u64);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{bar:30}] {pos}/{len} files, {rate}, {eta} left  {wide_msg}",
            )
            .expect("the template is valid")
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, out: &mut dyn std::fmt::Write| {
                    let _ = write!(out, "{:.0} files/s", state.per_sec());
                },
            )
            .progress_chars("=> "),
        );
        bar
    });
    // Lines for logs and pipes; nothing per file in a JSON report.
    let say = |line: String| match &bar {
        Some(bar) => bar.set_message(line),
        None if !args.json => eprintln!("{line}"),
        None => {}
    };
    for file in &files {
        let outcome = match read_file(file, registry.config.max_upload_size).await {
            Ok(bytes) => {
                let limits = &registry.config.tarball_limits;
                let identity = wharf_tarball::identify(&bytes, limits).ok();
                let mut source = SourceFacts {
                    yanked: match &args.index {
                        Some(index) => yanked_in(index, &bytes, limits),
                        None => false,
                    },
                    ..SourceFacts::default()
                };
                let mut owner_there = None;
                // The crate's other owners there who have an account here: invited to own it
                // (ownership needs their consent), once the import has created it.
                let mut co_owners = Vec::new();
                let mut existing_owners = None;
                if let (Some(dump), Some((name, version))) = (&dump, &identity) {
                    let key = (wharf_policy::canonical_name(name), version.to_string());
                    let published = dump.versions.get(&key);
                    if let Some(published) = published {
                        source.yanked |= published.yanked;
                        source.published_at = Some(published.at);
                        source.checksum = Some(published.checksum.clone());
                    }
                    if let Some(existing) = db.crate_by_name(name).await? {
                        existing_owners = Some(
                            db.owners_of(existing.id)
                                .await?
                                .into_iter()
                                .map(|o| o.user.login)
                                .collect::<Vec<_>>(),
                        );
                    }
                    // Only a version the dump lists is attributed to the owners it names.
                    let logins = dump
                        .owners
                        .get(&key.0)
                        .filter(|_| args.match_owners && published.is_some());
                    for login in logins.into_iter().flatten() {
                        if !dump_owners.contains_key(login) {
                            let principal = db.user_by_login(login).await?.map(|user| Principal {
                                user,
                                token: None,
                                actor: actor.clone(),
                                trusted_publishing_token: None,
                            });
                            dump_owners.insert(login.clone(), principal);
                        }
                        if !matches!(dump_owners.get(login), Some(Some(_))) {
                            continue;
                        }
                        match &existing_owners {
                            // A crate here already: published as one of its owners here.
                            Some(owners) => {
                                if owner_there.is_none() && owners.contains(login) {
                                    owner_there = Some(login.clone());
                                }
                            }
                            None if owner_there.is_none() => owner_there = Some(login.clone()),
                            None => co_owners.push(login.clone()),
                        }
                    }
                    // `--owner` goes first for a crate they own here already.
                    if existing_owners
                        .as_ref()
                        .is_some_and(|owners| owners.contains(&owner.user.login))
                    {
                        owner_there = None;
                    }
                }
                let importer = owner_there
                    .and_then(|login| dump_owners.get(&login))
                    .and_then(Option::as_ref)
                    .unwrap_or(&owner);
                let imported = registry
                    .import(importer, bytes, &args.local_indexes, &source)
                    .await
                    .map_err(|error| error.to_string());
                if let Ok(ImportedFile {
                    name,
                    outcome: ImportOutcome::Imported(published),
                    ..
                }) = &imported
                {
                    if published.created_crate && existing_owners.is_none() && !co_owners.is_empty()
                    {
                        match registry
                            .change_owners(importer, name, &co_owners, true)
                            .await
                        {
                            Ok(changed) => report.invited += changed.users.len(),
                            Err(error) => say(format!(
                                "could not invite the other owners of {name}: {error}"
                            )),
                        }
                    }
                }
                imported
            }
            Err(reason) => Err(reason),
        };
        if let Ok(imported) = &outcome {
            report.yanked += usize::from(imported.yanked);
        }
        match outcome {
            Ok(imported) => match imported.outcome {
                ImportOutcome::Imported(published) => {
                    report.imported += 1;
                    let held = if published.held {
                        report.held += 1;
                        " (held for review)"
                    } else {
                        ""
                    };
                    say(format!(
                        "imported {} {}{held}",
                        imported.name, imported.version
                    ));
                }
                ImportOutcome::AlreadyThere => {
                    report.already_there += 1;
                    say(format!(
                        "already there: {} {}",
                        imported.name, imported.version
                    ));
                }
            },
            Err(reason) => {
                let line = format!("refused {}: {reason}", file.display());
                match &bar {
                    // Refusals stay on the screen above the bar.
                    Some(bar) => bar.println(&line),
                    None => say(line),
                }
                report.refused.push(Refusal {
                    file: file.clone(),
                    reason,
                });
            }
        }
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    }
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    report.seconds = started.elapsed().as_secs_f64();
    report.files_per_second = files.len() as f64 / report.seconds.max(1e-9);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        eprintln!(
            "{} files in {:.1} s ({:.1} files/s): {} imported ({} held for review), {} already there, {} yanked, {} refused",
            report.files,
            report.seconds,
            report.files_per_second,
            report.imported,
            report.held,
            report.already_there,
            report.yanked,
            report.refused.len()
        );
    }
    if !report.refused.is_empty() {
        bail!(
            "{} of {} files were refused",
            report.refused.len(),
            report.files
        );
    }
    Ok(())
}

/// The file's bytes, unless it is larger than an upload may be (a stray multi-gigabyte file is
/// refused from its size, not read into memory first).
async fn read_file(path: &Path, max_upload_size: u64) -> Result<Bytes, String> {
    let size = tokio::fs::metadata(path)
        .await
        .map_err(|error| format!("cannot read the file: {error}"))?
        .len();
    if size > max_upload_size {
        return Err(format!(
            "the .crate file is {size} bytes, over this registry's limit of {max_upload_size} for an upload"
        ));
    }
    tokio::fs::read(path)
        .await
        .map(Bytes::from)
        .map_err(|error| format!("cannot read the file: {error}"))
}

/// What a database dump says of the versions and owners of its crates.
struct DumpFacts {
    /// By (canonical crate name, version).
    versions: HashMap<(String, String), PublishedThere>,
    /// The logins of each crate's user owners (canonical crate name), in the dump's order.
    owners: HashMap<String, Vec<String>>,
}

struct PublishedThere {
    /// Milliseconds since the epoch.
    at: i64,
    yanked: bool,
    /// SHA-256, hex.
    checksum: String,
}

impl DumpFacts {
    /// Reads the tables it needs from a `db-dump.tar.gz` (crates.io's layout) with the `db-dump`
    /// crate, which reads crates.io's own dumps.
    fn load(path: &Path) -> anyhow::Result<DumpFacts> {
        let mut crates: HashMap<u32, String> = HashMap::new();
        // Only the columns used: crates.io's dump has millions of versions.
        let mut versions: Vec<(u32, String, i64, bool, [u8; 32])> = Vec::new();
        let mut crate_owners = Vec::new();
        let mut users: HashMap<u32, String> = HashMap::new();
        db_dump::Loader::new()
            .crates(|row| {
                crates.insert(row.id.0, row.name);
            })
            .versions(|row| {
                versions.push((
                    row.crate_id.0,
                    row.num.to_string(),
                    row.created_at.timestamp_millis(),
                    row.yanked,
                    row.tar_sha256,
                ))
            })
            .crate_owners(|row| crate_owners.push(row))
            .users(|row| {
                users.insert(row.id.0, row.username);
            })
            .load(path)
            .with_context(|| format!("cannot read the database dump {}", path.display()))?;
        let mut facts = DumpFacts {
            versions: HashMap::with_capacity(versions.len()),
            owners: HashMap::new(),
        };
        for (crate_id, num, at, yanked, sha256) in versions {
            let Some(name) = crates.get(&crate_id) else {
                continue;
            };
            facts.versions.insert(
                (wharf_policy::canonical_name(name), num),
                PublishedThere {
                    at,
                    yanked,
                    checksum: hex::encode(sha256),
                },
            );
        }
        crate_owners.sort_by_key(|row| row.created_at);
        for row in crate_owners {
            let (Some(name), db_dump::crate_owners::OwnerId::User(user)) =
                (crates.get(&row.crate_id.0), row.owner_id)
            else {
                continue;
            };
            if let Some(login) = users.get(&user.0) {
                facts
                    .owners
                    .entry(wharf_policy::canonical_name(name))
                    .or_default()
                    .push(login.clone());
            }
        }
        Ok(facts)
    }
}

/// Whether the index at `index` lists the version this `.crate` file declares as yanked. A
/// file, a line or an index that cannot be read says nothing: the version is not yanked (and
/// the import itself reports a file it cannot read).
fn yanked_in(index: &Path, file: &[u8], limits: &wharf_tarball::Limits) -> bool {
    let Ok((name, version)) = wharf_tarball::identify(file, limits) else {
        return false;
    };
    let Ok(lines) = std::fs::read_to_string(index.join(wharf_index::index_path(&name))) else {
        return false;
    };
    lines
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .any(|entry| entry["vers"] == version.as_str() && entry["yanked"] == true)
}

/// `path` if it is a file, or every `.crate` file under it if it is a directory.
fn collect_crate_files(path: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !std::fs::metadata(path)?.is_dir() {
        files.push(path.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_crate_files(&path, files)?;
        } else if path
            .extension()
            .is_some_and(|extension| extension == "crate")
        {
            files.push(path);
        }
    }
    Ok(())
}
