//! `wharf`: run the registry and administer it from the command line.
//!
//! Every subcommand works on the same data as a running server (the database and files under the
//! data directory), so an operator can add users and tokens while the server runs.

mod config;
mod dump;
mod import;
mod scan;
mod serve;

use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};
use config::Settings;
use std::path::PathBuf;
use std::process::ExitCode;
use wharf_registry::{Moderator, Principal, RegistryError};
use wharf_store::{Actor, AdminList, NewToken, RateAction, RateLimit, Scope};

/// mimalloc instead of the system's allocator: less CPU per request on the server's hot paths
/// (measured in BENCHMARKS.md, "mimalloc").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "wharf",
    version,
    about = "A Cargo registry that enforces its usage policy"
)]
struct Cli {
    #[command(flatten)]
    global: GlobalOptions,
    #[command(subcommand)]
    command: Command,
}

/// Options every subcommand takes; each can also be set in the environment or the config file.
#[derive(Args, Clone, Default)]
pub struct GlobalOptions {
    /// A TOML configuration file.
    #[arg(long, global = true, env = "WHARF_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where the SQLite database, crate files and index files live [default: ./wharf-data].
    #[arg(long, global = true, env = "WHARF_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// `sqlite://PATH` or `postgres://…` [default: sqlite://DATA_DIR/wharf.db].
    #[arg(long, global = true, env = "WHARF_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    /// Where `.crate` files, dumps and index files live: `file:///PATH` or `s3://BUCKET/PREFIX`
    /// (an S3-compatible store, configured by the standard `AWS_*` variables) [default: DATA_DIR].
    #[arg(long, global = true, env = "WHARF_STORAGE_URL", value_name = "URL")]
    pub storage_url: Option<String>,
    /// How log lines are written: `text` for people, `json` (one object a line) for log
    /// collectors.
    #[arg(long, global = true, env = "WHARF_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Run the registry server.
    Serve(ServeArgs),
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Operator tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Act on crates as their owner.
    #[command(subcommand)]
    Crate(CrateCommand),
    /// Manage local teams, which can own crates with publish and yank rights.
    #[command(subcommand)]
    Team(TeamCommand),
    /// Judge .crate files with the publish policy, offline (name rules need --data-dir or
    /// --database-url).
    Scan(scan::ScanArgs),
    /// Manage webhooks: URLs told of publishes, yanks, owner changes, deletions and holds.
    #[command(subcommand)]
    Webhook(WebhookCommand),
    /// Import .crate files (a cargo cache, a mirror, a backup) as versions owned by a user, through
    /// the publish checks; running it again imports nothing twice.
    Import(import::ImportArgs),
    /// Write the database dump (the registry's public data, in crates.io's db-dump layout) to a
    /// file, as the server publishes it at /db-dump.tar.gz.
    Dump {
        /// Where to write it.
        #[arg(long, short, value_name = "FILE", default_value = "db-dump.tar.gz")]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
enum WebhookCommand {
    /// Register a URL (http or https) to POST events to; prints its id and the secret that signs
    /// the deliveries (shown this once).
    Add {
        url: String,
        /// Only this crate's events [default: every crate's].
        #[arg(long = "crate", value_name = "NAME")]
        krate: Option<String>,
    },
    /// List the webhooks.
    List,
    /// Remove a webhook and its delivery log.
    Remove { id: i64 },
    /// Show the latest deliveries, newest first.
    Deliveries {
        /// Only this webhook's.
        #[arg(long, value_name = "ID")]
        webhook: Option<i64>,
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
}

#[derive(Subcommand)]
enum TeamCommand {
    /// Create a team with its first maintainer (maintainers then manage members over the API).
    Add {
        name: String,
        #[arg(long, value_name = "LOGIN")]
        maintainer: String,
    },
    /// List the teams.
    List,
    /// Print a team's members, maintainers marked.
    Show { name: String },
    /// Add members to a team (or change their role).
    #[command(subcommand)]
    Member(TeamMemberCommand),
}

#[derive(Subcommand)]
enum TeamMemberCommand {
    /// Add users to a team; with --maintainer they manage its members too.
    Add {
        team: String,
        #[arg(required = true)]
        logins: Vec<String>,
        #[arg(long)]
        maintainer: bool,
    },
    /// Remove users from a team (a team keeps at least one maintainer).
    Remove {
        team: String,
        #[arg(required = true)]
        logins: Vec<String>,
    },
}

#[derive(Subcommand)]
enum CrateCommand {
    /// Delete a crate (or one version) on behalf of one of its owners, under the owner-deletion rule
    /// (permanent).
    Delete {
        name: String,
        /// Delete only this version.
        #[arg(long)]
        version: Option<String>,
        /// The owner the deletion is made for.
        #[arg(long = "as", value_name = "LOGIN")]
        owner: String,
        /// Why, for the record.
        #[arg(long)]
        message: Option<String>,
    },
}

#[derive(Args, Default)]
pub struct ServeArgs {
    /// The address to listen on [default: 127.0.0.1:8787].
    #[arg(long, env = "WHARF_LISTEN", value_name = "ADDR")]
    pub listen: Option<String>,
    /// The URL clients use to reach this server [default: http://LISTEN].
    #[arg(long, env = "WHARF_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Private mode: every request, index included, needs a token.
    #[arg(long, env = "WHARF_AUTH_REQUIRED")]
    pub auth_required: bool,
    /// Proxy this sparse index (say `sparse+https://index.crates.io/`) for every name this
    /// registry has no crate of: its files are checked and served from here [default: none].
    #[arg(long, env = "WHARF_UPSTREAM", value_name = "URL")]
    pub upstream: Option<String>,
    /// Run each published version's build scripts and proc macros once in a sealed sandbox and
    /// hold it if they reach for the network, secrets or the user's files: `after-publish`
    /// [default, where the machine can seal a build], `before-publish` (a version waits, held,
    /// until its build is found clean) or `off`.
    #[arg(long, env = "WHARF_DETONATE", value_name = "MODE")]
    pub detonate: Option<String>,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user. Users created here count as having verified their e-mail address.
    Add {
        login: String,
        #[arg(long)]
        email: String,
        /// Make the user an administrator.
        #[arg(long)]
        admin: bool,
    },
    /// Set a user's role: user, moderator (acts on content and accounts) or admin (also manages
    /// roles and the registry's lists).
    Role { login: String, role: String },
    /// Set a user's password for signing in on the web site, read from standard input (one line).
    /// Ends the user's web sessions.
    Password { login: String },
    /// Mark a user's e-mail address as verified (for registries without an SMTP server).
    Verify { login: String },
    /// Turn a user's two-factor sign-in off (a lost phone and lost recovery codes), after
    /// checking who they are some other way; their web sessions end.
    SecondFactorOff { login: String },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for a user and print it (and nothing else) on standard output.
    New {
        login: String,
        /// A name to recognise the token by.
        #[arg(long, default_value = "cli")]
        name: String,
        /// Limit the token to an endpoint scope: publish-new, publish-update, yank, change-owners.
        /// Repeat for several; none means all.
        #[arg(long = "scope", value_name = "SCOPE")]
        scopes: Vec<String>,
        /// Limit the token to crates matching a pattern (`foo` or `foo-*`). Repeat for several; none
        /// means all crates.
        #[arg(long = "crate", value_name = "PATTERN")]
        crates: Vec<String>,
        /// Make the token expire after this many days.
        #[arg(long, value_name = "N")]
        expires_days: Option<u32>,
    },
    /// List a user's tokens (never their secrets).
    List { login: String },
    /// Revoke a token by id; it stops working at once.
    Revoke { id: i64 },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Rewrite every index file from the database.
    Reindex,
    /// Release a version the publish policy held: it joins the index and can be downloaded.
    Release { name: String, version: String },
    /// Names nobody may publish (compared in canonical form; `prefix*` matches a prefix).
    #[command(subcommand)]
    Reserved(ListCommand),
    /// Names new crates are checked against for typosquatting, besides the most-downloaded crates.
    #[command(subcommand)]
    Protected(ListCommand),
    /// Category slugs crates may use.
    #[command(subcommand)]
    Category(ListCommand),
    /// Name prefixes of internal crates: a new public crate under one is flagged.
    #[command(subcommand)]
    InternalPrefix(ListCommand),
    /// User names nobody may sign up with (compared ignoring case, `-` and `_`).
    #[command(subcommand)]
    ReservedLogin(ListCommand),
    /// E-mail domains nobody may sign up with (their subdomains too), such as disposable providers.
    #[command(subcommand)]
    BlockedEmailDomain(ListCommand),
    /// The review queue: reports, held and flagged versions, held crates; oldest first.
    Queue,
    /// The evidence on one queue item: crate:NAME, crate:NAME@VERSION or user:LOGIN.
    Show { target: String },
    /// Act on a target, with a reason: dismiss, release, hold, yank, remove-version, remove-crate,
    /// suspend, lift, terminate, trust, untrust.
    Act {
        action: String,
        target: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        options: ActionArgs,
    },
    /// One action on every crate of an account (--account) or on the targets given, without notice.
    Bulk {
        action: String,
        targets: Vec<String>,
        #[arg(long, value_name = "LOGIN", conflicts_with = "targets")]
        account: Option<String>,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        options: ActionArgs,
    },
    /// Print the audit log, newest first, one JSON object a line.
    Audit {
        #[arg(long, value_name = "LOGIN")]
        actor: Option<String>,
        /// An action or its start, e.g. `owner.` or `moderation.`.
        #[arg(long)]
        action: Option<String>,
        /// crate:NAME or user:LOGIN.
        #[arg(long)]
        target: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: i64,
    },
    /// The upstream registry proxied (`--upstream`): what the policy withheld from it, and the
    /// operators' rules on its crates.
    #[command(subcommand)]
    Upstream(UpstreamCommand),
    /// Give a user their own rate limit for an action (publish-new, publish-update, yank); it
    /// starts with a full bucket.
    RateLimit {
        login: String,
        action: String,
        /// How many actions at once.
        #[arg(long)]
        burst: u32,
        /// One more action allowed per this many seconds.
        #[arg(long, value_name = "SECONDS")]
        period_seconds: u32,
    },
}

#[derive(Subcommand)]
enum UpstreamCommand {
    /// Never serve an upstream crate (NAME) or version (NAME@VERSION), whatever the policy said.
    Block {
        target: String,
        #[arg(long)]
        reason: String,
    },
    /// Serve an upstream crate or version whatever the policy said; for a whole NAME, also let a
    /// local crate of that name be published (it then replaces the upstream's here).
    Allow {
        target: String,
        #[arg(long)]
        reason: String,
    },
    /// Remove the operator's rule on NAME or NAME@VERSION.
    Unset { target: String },
    /// Forget the verdict on NAME@VERSION: it is fetched and scanned again when next asked for
    /// (after the scanner improved, or max_upload_size grew).
    Rescan { target: String },
    /// What the policy withheld from the upstream (newest first), then the operators' rules: one
    /// JSON object a line.
    List {
        #[arg(long, default_value_t = 100)]
        limit: i64,
    },
}

/// Options of moderation actions.
#[derive(Args)]
struct ActionArgs {
    /// For suspend and notice: the end, in RFC 3339 (suspend: default until lifted; notice: 14 days).
    #[arg(long)]
    until: Option<String>,
    /// For suspend and notice: the length in days.
    #[arg(long)]
    days: Option<u32>,
    /// For remove-crate: never let the name be registered again.
    #[arg(long)]
    reserve: bool,
    /// For terminate: also remove the crates the account alone owns.
    #[arg(long)]
    remove_crates: bool,
    /// For reassign: the user offered the name.
    #[arg(long, value_name = "LOGIN")]
    to: Option<String>,
}

impl ActionArgs {
    fn options(self) -> wharf_registry::ActionOptions {
        wharf_registry::ActionOptions {
            until: self.until,
            days: self.days,
            reserve: self.reserve,
            remove_crates: self.remove_crates,
            to: self.to,
        }
    }
}

#[derive(Subcommand)]
enum ListCommand {
    /// Print the entries, one a line.
    List,
    /// Add an entry.
    Add { value: String },
    /// Remove an entry.
    Remove { value: String },
}

async fn team_command(db: &wharf_store::Db, command: TeamCommand) -> anyhow::Result<()> {
    match command {
        TeamCommand::Add { name, maintainer } => {
            let user = db
                .user_by_login(&maintainer)
                .await?
                .with_context(|| format!("there is no user `{maintainer}`"))?;
            let team = db.create_team(&name, user.id, &operator()).await?;
            eprintln!(
                "created team `{}` with maintainer `{}`; add it to a crate with `cargo owner --add team:{}`",
                team.name, user.login, team.name
            );
        }
        TeamCommand::List => {
            for team in db.teams().await? {
                println!("{}", team.name);
            }
        }
        TeamCommand::Show { name } => {
            let team = db
                .team_by_name(&name)
                .await?
                .with_context(|| format!("there is no team `{name}`"))?;
            for member in db.team_members(team.id).await? {
                let role = if member.maintainer {
                    "maintainer"
                } else {
                    "member"
                };
                println!("{}\t{role}", member.user.login);
            }
        }
        TeamCommand::Member(command) => {
            let (team, logins, add, maintainer) = match command {
                TeamMemberCommand::Add {
                    team,
                    logins,
                    maintainer,
                } => (team, logins, true, maintainer),
                TeamMemberCommand::Remove { team, logins } => (team, logins, false, false),
            };
            let changed = db
                .change_team_members(
                    &team,
                    &logins,
                    add,
                    maintainer,
                    wharf_store::TeamManager::Operator,
                    &operator(),
                )
                .await?;
            eprintln!("{} member(s) of `{team}` changed", changed.len());
        }
    }
    Ok(())
}

/// `wharf admin upstream …`.
async fn upstream_command(
    registry: &wharf_registry::Registry,
    command: UpstreamCommand,
) -> anyhow::Result<()> {
    use wharf_policy::upstream::OperatorRule;
    use wharf_registry::UpstreamRuleChange;
    let (target, change, reason) = match command {
        UpstreamCommand::List { limit } => {
            for withheld in registry.upstream_withheld(limit).await? {
                println!("{}", serde_json::json!({ "withheld": withheld }));
            }
            for rule in registry.upstream_rules().await? {
                println!("{}", serde_json::json!({ "rule": rule }));
            }
            return Ok(());
        }
        UpstreamCommand::Block { target, reason } => {
            (target, UpstreamRuleChange::Set(OperatorRule::Block), reason)
        }
        UpstreamCommand::Allow { target, reason } => {
            (target, UpstreamRuleChange::Set(OperatorRule::Allow), reason)
        }
        UpstreamCommand::Unset { target } => (target, UpstreamRuleChange::Unset, String::new()),
        UpstreamCommand::Rescan { target } => {
            let Some((name, version)) = target.split_once('@') else {
                bail!("name a version to scan again: NAME@VERSION");
            };
            if registry
                .rescan_upstream_version(&operator(), name, version)
                .await?
            {
                eprintln!("{target} will be fetched and scanned again when next asked for");
            } else {
                eprintln!("{target} was never fetched: it will be scanned when first asked for");
            }
            return Ok(());
        }
    };
    let (name, version) = match target.split_once('@') {
        Some((name, version)) => (name, Some(version)),
        None => (target.as_str(), None),
    };
    let changed = registry
        .change_upstream_rule(&operator(), name, version, change, &reason)
        .await?;
    match change {
        UpstreamRuleChange::Set(rule) => eprintln!("{target}: {}", rule.as_str()),
        UpstreamRuleChange::Unset if changed => eprintln!("{target}: rule removed"),
        UpstreamRuleChange::Unset => eprintln!("{target} had no rule"),
    }
    Ok(())
}

fn operator() -> Actor {
    Actor {
        ip: Some("cli".into()),
        ..Actor::default()
    }
}

/// The exit status for a refusal by the registry, so scripts can tell "not allowed" from "not
/// there" from "try again" without reading the words. Anything else exits with 1.
fn exit_code(error: &RegistryError) -> u8 {
    match error {
        RegistryError::Invalid(_) | RegistryError::TooLarge(_) => 2,
        RegistryError::Forbidden(_) => 3,
        RegistryError::NotFound(_) | RegistryError::Gone(_) => 4,
        RegistryError::Conflict(_) | RegistryError::Refused(_) => 5,
        RegistryError::RateLimited { .. } | RegistryError::Busy { .. } => 6,
        RegistryError::Internal(_) => 1,
    }
}

fn main() -> ExitCode {
    match start() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => match error.downcast_ref::<RegistryError>() {
            // The registry's refusals are sentences for people: one line, no chain of causes.
            Some(refusal) => {
                eprintln!("error: {}", refusal.detail());
                ExitCode::from(exit_code(refusal))
            }
            None => {
                eprintln!("Error: {error:?}");
                ExitCode::FAILURE
            }
        },
    }
}

fn start() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into());
    let logs = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter);
    match cli.global.log_format {
        // Colour only for a person at a terminal, not in log files and pipes.
        LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
        // The request's span (its id, method and path) is a field of every line written in it.
        LogFormat::Json => logs.json().with_current_span(true).init(),
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(cli))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    // Tests of time-dependent rules run a server whose clock is ahead instead of sleeping.
    if let Ok(offset) = std::env::var("WHARF_CLOCK_OFFSET_SECONDS") {
        let seconds: i64 = offset
            .parse()
            .context("WHARF_CLOCK_OFFSET_SECONDS must be a whole number of seconds")?;
        tracing::warn!(
            seconds,
            "the registry's clock is moved by WHARF_CLOCK_OFFSET_SECONDS"
        );
        wharf_store::set_clock_offset(seconds.saturating_mul(1000));
    }
    if let Command::Scan(args) = &cli.command {
        return scan::run(&cli.global, args).await;
    }
    let serve_args = match &cli.command {
        Command::Serve(args) => Some(args),
        _ => None,
    };
    let settings = Settings::load(&cli.global, serve_args)?;
    let may_create = matches!(cli.command, Command::Serve(_) | Command::Migrate);
    let db = settings.open_database(may_create).await?;
    wharf_registry::seed_policy_lists(&db).await?;
    match cli.command {
        Command::Scan(_) => {}
        Command::Serve(_) => serve::serve(settings, db.clone()).await?,
        Command::Migrate => eprintln!("the database schema is up to date"),
        Command::User(UserCommand::Add {
            login,
            email,
            admin,
        }) => {
            let user = db
                .create_user(&login, &email, admin, true, &operator())
                .await?;
            eprintln!("created user `{}` (id {})", user.login, user.id);
        }
        Command::Token(command) => token_command(&db, command).await?,
        Command::Team(command) => team_command(&db, command).await?,
        Command::Crate(CrateCommand::Delete {
            name,
            version,
            owner,
            message,
        }) => {
            let user = db
                .user_by_login(&owner)
                .await?
                .with_context(|| format!("there is no user `{owner}`"))?;
            let registry = settings.registry(db.clone())?;
            // The operator acts for the owner, with every right the owner has.
            let owner = Principal {
                user,
                token: None,
                actor: operator(),
                trusted_publishing_token: None,
            };
            let deleted = match &version {
                Some(version) => registry
                    .delete_version(&owner, &name, version, message.as_deref())
                    .await
                    .map(|name| format!("{name} {version}")),
                None => {
                    registry
                        .delete_crate(&owner, &name, message.as_deref())
                        .await
                }
            }?;
            eprintln!("deleted {deleted}");
        }
        Command::Import(args) => {
            let registry = settings.registry(db.clone())?;
            import::run(&registry, &db, &args, operator()).await?;
        }
        Command::Dump { output } => {
            let registry = settings.registry(db.clone())?;
            dump::write(&registry, &output).await?;
        }
        Command::Admin(AdminCommand::Release { name, version }) => {
            let (_, index) = settings.files()?;
            let crate_id = db
                .release_version(&name, &version, "operator", &operator())
                .await?;
            index.rewrite(&db, crate_id).await?;
            eprintln!("released {name} {version}");
        }
        Command::Admin(AdminCommand::Reserved(command)) => {
            list_command(&db, AdminList::ReservedNames, command).await?
        }
        Command::Admin(AdminCommand::Protected(command)) => {
            list_command(&db, AdminList::ProtectedNames, command).await?
        }
        Command::Admin(AdminCommand::Category(command)) => {
            list_command(&db, AdminList::Categories, command).await?
        }
        Command::Admin(AdminCommand::InternalPrefix(command)) => {
            list_command(&db, AdminList::InternalPrefixes, command).await?
        }
        Command::Admin(AdminCommand::ReservedLogin(command)) => {
            list_command(&db, AdminList::ReservedLogins, command).await?
        }
        Command::Admin(AdminCommand::BlockedEmailDomain(command)) => {
            list_command(&db, AdminList::BlockedEmailDomains, command).await?
        }
        Command::User(UserCommand::Password { login }) => {
            let mut password = String::new();
            std::io::stdin()
                .read_line(&mut password)
                .context("could not read the password from standard input")?;
            let password = password.trim_end_matches(['\r', '\n']);
            wharf_policy::accounts::check_password(password).map_err(anyhow::Error::msg)?;
            let hash = wharf_store::accounts::hash_password(password)?;
            db.set_password(&login, &hash, &operator()).await?;
            eprintln!("set the password of {login}");
        }
        Command::User(UserCommand::SecondFactorOff { login }) => {
            let user = db
                .user_by_login(&login)
                .await?
                .with_context(|| format!("there is no user `{login}`"))?;
            db.disable_totp(user.id, &operator()).await?;
            db.end_sessions_of(user.id, None).await?;
            eprintln!("two-factor sign-in of {login} is off; their web sessions ended");
        }
        Command::User(UserCommand::Verify { login }) => {
            db.mark_email_verified(&login, &operator()).await?;
            eprintln!("marked the e-mail address of {login} verified");
        }
        Command::User(UserCommand::Role { login, role }) => {
            let parsed = wharf_store::Role::parse(&role)
                .with_context(|| format!("unknown role `{role}`: use user, moderator or admin"))?;
            db.set_role(&login, parsed, &operator()).await?;
            eprintln!("{login} is now a {role}");
        }
        Command::Admin(AdminCommand::Queue) => {
            for item in db.review_queue().await? {
                println!("{}", serde_json::to_string(&item)?);
            }
        }
        Command::Admin(AdminCommand::Show { target }) => {
            let item = db
                .review_item(&wharf_store::Target::parse(&target)?)
                .await?;
            println!("{}", serde_json::to_string_pretty(&item)?);
        }
        Command::Admin(AdminCommand::Bulk {
            action,
            targets,
            account,
            reason,
            options,
        }) => {
            let parsed = wharf_registry::parse_action(&action, &options.options())?;
            let targets = match account {
                Some(login) => db.crates_of_account(&login).await?,
                None => targets
                    .iter()
                    .map(|t| wharf_store::Target::parse(t))
                    .collect::<Result<_, _>>()?,
            };
            let registry = settings.registry(db.clone())?;
            let operator = Moderator::operator(operator());
            for result in registry
                .moderate_all(&operator, &parsed, &targets, &reason)
                .await
            {
                println!("{}", serde_json::to_string(&result)?);
            }
        }
        Command::Admin(AdminCommand::Act {
            action,
            target,
            reason,
            options,
        }) => {
            let parsed = wharf_registry::parse_action(&action, &options.options())?;
            let registry = settings.registry(db.clone())?;
            registry
                .moderate(
                    &Moderator::operator(operator()),
                    &parsed,
                    &wharf_store::Target::parse(&target)?,
                    &reason,
                )
                .await?;
            eprintln!("{action} {target}: done");
        }
        Command::Admin(AdminCommand::Audit {
            actor,
            action,
            target,
            limit,
        }) => {
            let entries = db
                .audit_entries(&wharf_store::AuditQuery {
                    actor,
                    action,
                    target,
                    before: None,
                    limit,
                })
                .await?;
            for entry in entries {
                println!("{}", serde_json::to_string(&entry)?);
            }
        }
        Command::Admin(AdminCommand::RateLimit {
            login,
            action,
            burst,
            period_seconds,
        }) => {
            let bucket = match RateAction::parse(&action) {
                Some(bucket) if bucket != RateAction::Report => bucket,
                _ => bail!("unknown action `{action}`: use publish-new, publish-update or yank"),
            };
            let user = db
                .user_by_login(&login)
                .await?
                .with_context(|| format!("there is no user `{login}`"))?;
            let limit = RateLimit {
                burst: i64::from(burst),
                period_ms: i64::from(period_seconds.max(1)) * 1000,
            };
            db.set_rate_override(user.id, bucket, limit).await?;
            eprintln!("{login} may {action} {burst} at once, then one every {period_seconds} s");
        }
        Command::Webhook(command) => webhook_command(&db, command).await?,
        Command::Admin(AdminCommand::Upstream(command)) => {
            upstream_command(&settings.registry(db.clone())?, command).await?
        }
        Command::Admin(AdminCommand::Reindex) => {
            let (_, index) = settings.files()?;
            let ids = db.all_crate_ids().await?;
            index.rewrite_many(&db, &ids).await?;
            eprintln!("rewrote the index files of {} crates", ids.len());
        }
    }
    db.close().await;
    Ok(())
}

async fn list_command(
    db: &wharf_store::Db,
    list: AdminList,
    command: ListCommand,
) -> anyhow::Result<()> {
    match command {
        ListCommand::List => {
            for value in db.admin_list(list).await? {
                println!("{value}");
            }
        }
        ListCommand::Add { value } => {
            if !db.admin_list_add(list, &normalise(list, &value)).await? {
                eprintln!("`{value}` was already listed");
            }
        }
        ListCommand::Remove { value } => {
            if !db.admin_list_remove(list, &normalise(list, &value)).await? {
                bail!("`{value}` is not listed");
            }
        }
    }
    Ok(())
}

/// Names are listed in canonical form, so every spelling of a name matches one entry.
fn normalise(list: AdminList, value: &str) -> String {
    match list {
        AdminList::ReservedNames | AdminList::ProtectedNames | AdminList::InternalPrefixes => {
            value.trim().to_ascii_lowercase().replace('-', "_")
        }
        AdminList::Categories => value.trim().to_string(),
        AdminList::ReservedLogins | AdminList::BlockedEmailDomains => {
            value.trim().trim_start_matches('.').to_ascii_lowercase()
        }
    }
}

async fn token_command(db: &wharf_store::Db, command: TokenCommand) -> anyhow::Result<()> {
    let find_user = |login: String| async move {
        db.user_by_login(&login)
            .await?
            .with_context(|| format!("there is no user `{login}`"))
    };
    match command {
        TokenCommand::New {
            login,
            name,
            scopes,
            crates,
            expires_days,
        } => {
            let user = find_user(login).await?;
            let scopes = scopes
                .iter()
                .map(|s| Scope::parse(s))
                .collect::<Result<Vec<_>, _>>()?;
            let expires_at =
                expires_days.map(|days| wharf_store::now_millis() + i64::from(days) * 86_400_000);
            let (_, secret) = db
                .create_token(
                    NewToken {
                        user_id: user.id,
                        name,
                        scopes,
                        crate_patterns: crates,
                        expires_at,
                    },
                    &operator(),
                )
                .await?;
            println!("{secret}");
        }
        TokenCommand::List { login } => {
            let user = find_user(login).await?;
            println!(
                "{:<6} {:<20} {:<12} {:<40} {:<20} {:<20} EXPIRES",
                "ID", "NAME", "STATE", "SCOPES", "CRATES", "LAST USED"
            );
            for token in db.tokens_of(user.id).await? {
                let state = if token.revoked_at.is_some() {
                    "revoked"
                } else if token
                    .expires_at
                    .is_some_and(|e| e <= wharf_store::now_millis())
                {
                    "expired"
                } else {
                    "active"
                };
                println!(
                    "{:<6} {:<20} {:<12} {:<40} {:<20} {:<20} {}",
                    token.id,
                    token.name,
                    state,
                    token
                        .endpoint_scopes
                        .map(|s| s.join(","))
                        .unwrap_or_else(|| "all".into()),
                    token
                        .crate_scopes
                        .map(|s| s.join(","))
                        .unwrap_or_else(|| "all".into()),
                    token
                        .last_used_at
                        .map(wharf_store::rfc3339)
                        .unwrap_or_else(|| "never".into()),
                    token
                        .expires_at
                        .map(wharf_store::rfc3339)
                        .unwrap_or_else(|| "never".into()),
                );
            }
        }
        TokenCommand::Revoke { id } => {
            db.revoke_token(id, &operator()).await?;
            eprintln!("revoked token {id}");
        }
    }
    Ok(())
}

async fn webhook_command(db: &wharf_store::Db, command: WebhookCommand) -> anyhow::Result<()> {
    match command {
        WebhookCommand::Add { url, krate } => {
            let parsed = url::Url::parse(&url).with_context(|| format!("`{url}` is not a URL"))?;
            if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
                anyhow::bail!("a webhook URL must be http:// or https:// with a host: `{url}`");
            }
            if let Some(name) = &krate {
                wharf_policy::validate_crate_name(name)
                    .map_err(|e| anyhow::anyhow!("`{name}` is not a crate name: {e}"))?;
            }
            let webhook = db.add_webhook(krate.as_deref(), parsed.as_str()).await?;
            println!("{}\t{}", webhook.id, webhook.secret);
            eprintln!(
                "webhook {} POSTs {}'s events to {}; the second field is its signing secret",
                webhook.id,
                webhook.crate_name.as_deref().unwrap_or("every crate"),
                webhook.url
            );
        }
        WebhookCommand::List => {
            for webhook in db.webhooks().await? {
                println!(
                    "{}\t{}\t{}",
                    webhook.id,
                    webhook.crate_name.as_deref().unwrap_or("*"),
                    webhook.url
                );
            }
        }
        WebhookCommand::Remove { id } => {
            if !db.remove_webhook(id).await? {
                anyhow::bail!("there is no webhook {id}");
            }
            eprintln!("removed webhook {id}");
        }
        WebhookCommand::Deliveries { webhook, limit } => {
            for delivery in db.webhook_deliveries(webhook, limit).await? {
                println!("{}", serde_json::to_string(&delivery)?);
            }
        }
    }
    Ok(())
}
