use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use covreport_upload::{build_job, git, JobOptions};

/// Upload an LCOV report to a Coveralls-compatible service.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// LCOV tracefile
    lcov: PathBuf,
    /// Service base URL
    #[arg(long, env = "COVREPORT_ENDPOINT")]
    endpoint: String,
    /// Repository token
    #[arg(long, env = "COVREPORT_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Also send file contents (needed for private repositories)
    #[arg(long)]
    include_source: bool,
    /// Print the job JSON and exit without sending
    #[arg(long)]
    dry_run: bool,
    /// Permit a plain-http endpoint (local testing only)
    #[arg(long)]
    allow_http: bool,
    /// Mark as one part of a parallel build
    #[arg(long)]
    parallel: bool,
}

fn main() -> ExitCode {
    let a = Args::parse();
    if !a.endpoint.starts_with("https://") && !a.allow_http {
        eprintln!("covreport: endpoint must be https:// (pass --allow-http for a local test server)");
        return ExitCode::from(2);
    }
    let cwd = std::env::current_dir().expect("cwd");
    let root = git::toplevel(&cwd).unwrap_or(cwd);
    let text = match std::fs::read_to_string(&a.lcov) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("covreport: {}: {e}", a.lcov.display());
            return ExitCode::from(1);
        }
    };
    let opts = JobOptions {
        root,
        include_source: a.include_source,
        service_name: detect_service(),
        service_job_id: std::env::var("GITHUB_RUN_ID").or_else(|_| std::env::var("CI_JOB_ID")).ok(),
        parallel: a.parallel,
    };
    let job = match build_job(&text, &opts) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("covreport: {e}");
            return ExitCode::from(1);
        }
    };
    eprintln!("covreport: {} files{}", job.source_files.len(), if a.include_source { " (with source)" } else { "" });
    let body = serde_json::to_value(&job).unwrap();
    if a.dry_run {
        println!("{}", serde_json::to_string_pretty(&body).unwrap());
        return ExitCode::SUCCESS;
    }
    let Some(token) = a.token else {
        eprintln!("covreport: no token (set COVREPORT_TOKEN or pass --token)");
        return ExitCode::from(2);
    };
    let url = format!("{}/api/v1/jobs", a.endpoint.trim_end_matches('/'));
    let mut body = body;
    body["repo_token"] = serde_json::Value::String(token);
    match ureq::post(&url).send_json(body) {
        Ok(r) => {
            println!("{}", r.into_string().unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("covreport: upload failed: {e}");
            ExitCode::from(1)
        }
    }
}

fn detect_service() -> String {
    if std::env::var_os("GITHUB_ACTIONS").is_some() {
        "github".into()
    } else if std::env::var_os("GITLAB_CI").is_some() {
        "gitlab-ci".into()
    } else {
        "covreport".into()
    }
}
