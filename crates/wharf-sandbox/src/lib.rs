//! Detonation: a package's build-time code run once, sealed, and judged by what it did.
//!
//! Cargo runs build scripts and proc macros on every machine that builds a package. [`Sandbox`]
//! runs `cargo check` on an upload (which runs both, and compiles nothing it need not) inside
//! bubblewrap with a fresh network namespace that has only loopback, a read-only view of the
//! system, a throw-away home full of decoy secrets ([`stage`]), and control groups that cap its
//! processes and memory ([`cgroup`]); a tmpfs of fixed size caps its disk and a clock its time.
//! strace records the system calls of every process ([`trace`]), and
//! `wharf_policy::detonation::judge` turns them into findings.
//!
//! Nothing is ever run unsealed: [`Sandbox::probe`] first proves, with a connection to a TEST-NET
//! address that must fail with "network unreachable", that the namespace has no route out, and
//! says why when the machine cannot seal a build; then no detonation happens at all.

pub mod cgroup;
pub mod stage;
pub mod trace;

use std::fs;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;
use wharf_policy::detonation::{judge, Layout, LimitReached};
use wharf_policy::Finding;

use crate::cgroup::{Cgroups, Hierarchy};

/// What one sealed build may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall time of the build, after which everything in it is killed.
    pub wall_time: Duration,
    /// Processes and threads at once.
    pub processes: u64,
    /// Memory of all its processes (the tmpfs it writes to is counted on top).
    pub memory_bytes: u64,
    /// Bytes it may write: the size of its writable tmpfs (and of its `/tmp`).
    pub disk_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            wall_time: Duration::from_secs(600),
            processes: 1024,
            memory_bytes: 4 << 30,
            disk_bytes: 4 << 30,
        }
    }
}

/// How the sandbox is set up.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub limits: Limits,
    /// Where runs are staged and dependencies are kept between runs.
    pub work_dir: PathBuf,
    /// A `config.toml` for the cargo that fetches dependencies (outside the sandbox), e.g. to
    /// take crates.io's crates from this registry's proxy.
    pub cargo_config: Option<String>,
    /// The toolchain's root (`rustc --print sysroot`); found from `rustc` when not set.
    pub sysroot: Option<PathBuf>,
    /// Longest time downloading dependencies may take.
    pub fetch_timeout: Duration,
}

impl SandboxConfig {
    pub fn new(work_dir: impl Into<PathBuf>) -> SandboxConfig {
        SandboxConfig {
            limits: Limits::default(),
            work_dir: work_dir.into(),
            cargo_config: None,
            sysroot: None,
            fetch_timeout: Duration::from_secs(300),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("the sandbox cannot run here: {0}")]
    Unavailable(String),
    #[error("not a package that can be detonated: {0}")]
    NotAPackage(String),
    #[error("sandbox I/O: {0}")]
    Io(#[from] io::Error),
}

/// What one detonation found.
#[derive(Debug, Clone, Serialize)]
pub struct Detonation {
    pub findings: Vec<Finding>,
    /// Whether the build ran to its end and succeeded; a build that fails (a missing system
    /// library, say) is still judged on what it did until then.
    pub built: bool,
    /// Why the package was not run at all, if it was not (its dependencies could not be fetched).
    pub not_run: Option<String>,
    pub seconds: f64,
    /// Of which downloading its dependencies (outside the sandbox).
    pub fetch_seconds: f64,
    /// Distinct processes the build started.
    pub processes: usize,
    /// The end of the build's output.
    pub output_tail: String,
}

/// The paths inside the sandbox.
const SANDBOX: &str = "/sandbox";
const HOME: &str = "/home/builder";
const HOME_REAL: &str = "/sandbox/home";
const SOURCE: &str = "/sandbox/src";
const TARGET: &str = "/sandbox/target";
/// `$CARGO_HOME`: the decoy home's `.cargo`, as a developer's machine has it (its credentials are
/// a decoy, its configuration a persistence place).
const CARGO_HOME: &str = "/home/builder/.cargo";
/// The host name inside, also in its `/etc/hosts`, so that looking it up asks no resolver.
const HOSTNAME: &str = "devbox";
const TMP: &str = "/sandbox/tmp";
/// Where a proc-macro package's harness is built (see `stage::harness`).
const HARNESS: &str = "/sandbox/harness";

/// Files of the host's `/etc` a build needs (the dynamic loader's cache, the compilers'
/// alternatives, users and groups for tools that look themselves up, perl's configuration);
/// nothing else of `/etc` is visible.
const ETC: &[&str] = &[
    "alternatives",
    "group",
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "localtime",
    "nsswitch.conf",
    "passwd",
    "perl",
];

/// Most bytes of strace log and output one build may produce; a build that makes more (a loop of
/// system calls, say) is stopped and held, so its logs cannot fill the host's disk or memory.
const MAX_LOG_BYTES: u64 = 256 << 20;

/// The line the sandbox's shell prints after the build, with the bytes its tmpfs holds.
const USAGE_MARKER: &str = "wharf-sandbox-usage:";

/// A machine's ability to detonate packages, found and proven by [`Sandbox::probe`].
#[derive(Debug, Clone)]
pub struct Sandbox {
    config: SandboxConfig,
    sysroot: PathBuf,
    cgroups: Option<Hierarchy>,
}

impl Sandbox {
    /// Checks that bubblewrap, strace and a toolchain are there, that limits can be enforced,
    /// and that a sealed process has no route out; refuses otherwise, saying why.
    pub fn probe(config: SandboxConfig) -> Result<Sandbox, SandboxError> {
        for (tool, flag) in [("bwrap", "--version"), ("strace", "-V")] {
            let ran = Command::new(tool)
                .arg(flag)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            if !ran.is_ok_and(|s| s.success()) {
                return Err(SandboxError::Unavailable(format!(
                    "`{tool}` is not installed (Debian: apt-get install {})",
                    if tool == "bwrap" { "bubblewrap" } else { tool }
                )));
            }
        }
        let sysroot = match &config.sysroot {
            Some(path) => path.clone(),
            None => {
                let out = Command::new("rustc")
                    .args(["--print", "sysroot"])
                    .output()
                    .map_err(|e| SandboxError::Unavailable(format!("no rustc: {e}")))?;
                PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
            }
        };
        if !sysroot.join("bin/cargo").exists() {
            return Err(SandboxError::Unavailable(format!(
                "no cargo in the toolchain at {}",
                sysroot.display()
            )));
        }
        let cgroups = Hierarchy::find();
        // SAFETY: geteuid has no preconditions.
        let root = unsafe { libc::geteuid() } == 0;
        if cgroups.is_none() && root {
            // Root is not bound by RLIMIT_NPROC: without a pids group nothing stops a fork bomb.
            return Err(SandboxError::Unavailable(
                "running as root without control groups it may create, so a fork bomb could not be stopped".into(),
            ));
        }
        fs::create_dir_all(config.work_dir.join("runs"))?;
        fs::create_dir_all(config.work_dir.join("cargo-home"))?;
        if let Some(text) = &config.cargo_config {
            fs::write(config.work_dir.join("cargo-home/config.toml"), text)?;
        }
        let sandbox = Sandbox {
            config,
            sysroot,
            cgroups,
        };
        sandbox.prove_sealed()?;
        Ok(sandbox)
    }

    /// The longest one detonation can take: fetching its dependencies (twice, when the packaged
    /// lock file has to be dropped), then its build.
    pub fn longest_run(&self) -> Duration {
        self.config.fetch_timeout * 2 + self.config.limits.wall_time
    }

    /// Which limits this machine enforces, for the start-up log.
    pub fn enforced(&self) -> String {
        let l = &self.config.limits;
        let caps = match &self.cgroups {
            Some(Hierarchy::V2(_)) => "control groups v2",
            Some(Hierarchy::V1 { .. }) => "control groups v1",
            None => "rlimits (no control groups)",
        };
        format!(
            "{} s, {} processes, {} MiB memory, {} MiB disk, by {caps}",
            l.wall_time.as_secs(),
            l.processes,
            l.memory_bytes >> 20,
            l.disk_bytes >> 20
        )
    }

    /// Runs `bash`'s `/dev/tcp` towards 192.0.2.1 (TEST-NET-1) inside a sealed namespace, and
    /// succeeds only if the connection failed for want of a route and the namespace has no
    /// interface but loopback.
    pub fn prove_sealed(&self) -> Result<String, SandboxError> {
        let stage = stage::run_dir(&self.config.work_dir.join("runs"), "seal", "check")?;
        let script =
            "grep CapEff /proc/self/status; cat /proc/net/dev; exec 3<>/dev/tcp/192.0.2.1/9";
        let run = self.sealed(
            &stage,
            &["bash", "-c", script],
            Duration::from_secs(30),
            false,
        );
        let result = run.and_then(|run| {
            let interfaces: Vec<&str> = run
                .output
                .lines()
                .filter_map(|line| {
                    // `/proc/net/dev` rows: `  lo: 0 0 0 ...`; bash's own complaint is not one.
                    let (name, counters) = line.split_once(':')?;
                    if name.starts_with("Cap") {
                        return None;
                    }
                    let first = counters.split_whitespace().next()?;
                    first.parse::<u64>().ok().map(|_| name.trim())
                })
                .collect();
            let connect = run
                .trace
                .lines()
                .find(|l| l.contains("connect(") && l.contains("192.0.2.1"))
                .unwrap_or("")
                .to_owned();
            if !run.output.contains("CapEff:\t0000000000000000") {
                return Err(SandboxError::Unavailable(
                    "processes in the sandbox keep capabilities".into(),
                ));
            }
            if interfaces != ["lo"] {
                return Err(SandboxError::Unavailable(format!(
                    "the sealed namespace has interfaces {interfaces:?}, not only loopback"
                )));
            }
            if !connect.contains("ENETUNREACH") {
                return Err(SandboxError::Unavailable(format!(
                    "a connection to TEST-NET did not fail for want of a route: {connect:?}"
                )));
            }
            Ok(format!("interfaces {interfaces:?}; {}", connect.trim()))
        });
        let _ = fs::remove_dir_all(&stage);
        result
    }

    /// Builds the package in `crate_bytes`, sealed, and judges what its build-time code did.
    pub fn detonate(&self, crate_bytes: &[u8]) -> Result<Detonation, SandboxError> {
        let limits = wharf_tarball::Limits::default();
        let (name, version) = wharf_tarball::identify(crate_bytes, &limits)
            .map_err(|e| SandboxError::NotAPackage(e.to_string()))?;
        let tarball = wharf_tarball::process_tarball(&name, &version, crate_bytes, &limits)
            .map_err(|e| SandboxError::NotAPackage(e.to_string()))?;
        let started = Instant::now();
        let stage = stage::run_dir(&self.config.work_dir.join("runs"), &name, &version)?;
        let result = self.detonate_in(&stage, crate_bytes, &tarball, &name, &version);
        // `WHARF_SANDBOX_KEEP` keeps the stage (the strace log, the output) for a look.
        if std::env::var_os("WHARF_SANDBOX_KEEP").is_none() {
            let _ = fs::remove_dir_all(&stage);
        }
        let mut detonation = result?;
        detonation.seconds = started.elapsed().as_secs_f64();
        Ok(detonation)
    }

    fn detonate_in(
        &self,
        stage: &Path,
        crate_bytes: &[u8],
        tarball: &wharf_tarball::Tarball,
        name: &str,
        version: &str,
    ) -> Result<Detonation, SandboxError> {
        stage::unpack(
            crate_bytes,
            &format!("{name}-{version}"),
            &stage.join("src"),
        )?;
        if tarball.manifest.workspace.is_none() {
            // Its own workspace: cargo must not take a directory above the stage for its root.
            let manifest = stage.join("src/Cargo.toml");
            let text = fs::read_to_string(&manifest)?;
            fs::write(&manifest, format!("{text}\n[workspace]\n"))?;
        }
        stage::decoy_home(&stage.join("home"))?;
        // Code that was never run is not judged clean: the moderators are told.
        let not_run = |reason: String| Detonation {
            findings: vec![not_run_finding(format!("not built: {reason}"))],
            built: false,
            not_run: Some(reason),
            seconds: 0.0,
            fetch_seconds: 0.0,
            processes: 0,
            output_tail: String::new(),
        };
        let mut fetch_seconds = 0.0;
        let mut unused_macros = false;
        match stage::dependencies(&tarball.manifest) {
            Err(reason) => return Ok(not_run(reason)),
            Ok(true) => {
                let started = Instant::now();
                let fetch = || {
                    stage::fetch(
                        &self.sysroot.join("bin/cargo"),
                        stage,
                        &self.config.work_dir.join("cargo-home"),
                        self.config.fetch_timeout,
                    )
                };
                let mut fetched = fetch();
                let lock = stage.join("src/Cargo.lock");
                if fetched.is_err() && lock.exists() {
                    // The packaged lock file may name versions the registry no longer has (yanked,
                    // or a mirror behind); a dependent never uses it, so resolve afresh instead.
                    fs::remove_file(&lock)?;
                    fetched = fetch();
                }
                if let Err(reason) = fetched {
                    return Ok(not_run(reason));
                }
                fetch_seconds = started.elapsed().as_secs_f64();
            }
            Ok(false) => {}
        }
        // A proc-macro package is built through a crate that uses its macros, so that they run.
        let manifest = &tarball.manifest;
        let is_proc_macro = manifest.is_proc_macro();
        let build_dir = if is_proc_macro {
            let root = manifest
                .lib
                .as_ref()
                .and_then(|lib| lib.path.clone())
                .unwrap_or_else(|| "src/lib.rs".into());
            // From the validated archive, never the file system: the manifest may name any
            // path (`/dev/zero`), and the archive's copy is already read and size-limited.
            let root = root.trim_start_matches("./");
            let source = tarball
                .files
                .iter()
                .find(|f| f.path == root)
                .and_then(|f| f.bytes())
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default();
            let macros = stage::exported_macros(&source);
            if macros.is_empty() {
                unused_macros = true;
            }
            let (harness_manifest, harness_lib) = stage::harness(name, &macros);
            fs::create_dir_all(stage.join("harness/src"))?;
            fs::write(stage.join("harness/Cargo.toml"), harness_manifest)?;
            fs::write(stage.join("harness/src/lib.rs"), harness_lib)?;
            if stage.join("src/Cargo.lock").exists() {
                fs::copy(
                    stage.join("src/Cargo.lock"),
                    stage.join("harness/Cargo.lock"),
                )?;
            }
            HARNESS
        } else {
            fs::create_dir_all(stage.join("harness"))?;
            SOURCE
        };
        let script = format!(
            "set -e; cp -a /stage/src {SOURCE}; cp -a /stage/harness {HARNESS}; cp -a /stage/home/. {HOME_REAL}/; \
             mkdir -p {TMP} {TARGET}; cd {SOURCE}; \
             (git -c core.hooksPath=/dev/null -c core.fsmonitor=false init -q . && \
              git -c core.hooksPath=/dev/null -c core.fsmonitor=false add -A && \
              git -c core.hooksPath=/dev/null -c core.fsmonitor=false -c user.name=builder -c user.email=builder@example.com commit -qm import) >/dev/null 2>&1 || true; \
             cd {build_dir}; set +e; cargo check --offline --message-format short; status=$?; \
             echo \"{USAGE_MARKER} $(stat -f -c '%b %f %S' {SANDBOX})\"; exit $status"
        );
        let run = self.sealed(
            stage,
            &["sh", "-c", &script],
            self.config.limits.wall_time,
            true,
        )?;
        let sysroot = format!("{}/", path_text(&self.sysroot));
        let trusted = [
            "/usr/",
            "/bin/",
            "/sbin/",
            "/lib/",
            "/lib64/",
            sysroot.as_str(),
        ];
        let events = trace::events(&run.trace, &trusted);
        let mut limits = Vec::new();
        if run.timed_out {
            limits.push(LimitReached::WallTime {
                seconds: self.config.limits.wall_time.as_secs(),
            });
        }
        if run.logs_too_large {
            limits.push(LimitReached::Logs {
                bytes: MAX_LOG_BYTES,
            });
        }
        if run.forks_refused > 0 {
            limits.push(LimitReached::Processes {
                max: self.config.limits.processes,
            });
        }
        if run.oom_kills > 0 {
            limits.push(LimitReached::Memory {
                bytes: self.config.limits.memory_bytes,
            });
        }
        if let Some(used) = used_bytes(&run.output) {
            // A tmpfs is full within a few pages of its size.
            if used + (1 << 20) >= self.config.limits.disk_bytes {
                limits.push(LimitReached::Disk { bytes: used });
            }
        }
        let layout = Layout {
            home: HOME.into(),
            home_real: HOME_REAL.into(),
            source: SOURCE.into(),
            scratch: [TARGET, TMP, HARNESS, "/tmp"]
                .iter()
                .map(|s| s.to_string())
                .chain([format!("{HOME}/.cargo/registry"), format!("{HOME}/.cache")])
                .collect(),
        };
        let processes = events
            .iter()
            .map(|e| e.pid)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let mut findings = judge(&layout, &events, &limits);
        let has_build_script = tarball.files.iter().any(|f| f.path == "build.rs")
            || manifest.package.build.as_ref().is_some_and(|b| b.is_str());
        let build_script_ran = events.iter().any(|e| {
            e.program.starts_with("build-script-")
                && matches!(e.action, wharf_policy::detonation::Action::Exec { .. })
        });
        if has_build_script && !build_script_ran && !run.success {
            findings.push(not_run_finding(format!(
                "its build script never ran: {}",
                stage::tail(&run.output, 300)
            )));
        }
        if unused_macros {
            findings.push(not_run_finding(
                "a proc-macro package none of whose macros could be found to run".into(),
            ));
        }
        Ok(Detonation {
            findings,
            built: run.success,
            not_run: None,
            seconds: 0.0,
            fetch_seconds,
            processes,
            output_tail: stage::tail(&run.output, 2000),
        })
    }

    /// Runs `command` under strace in bubblewrap, in the stage's files, within the limits.
    fn sealed(
        &self,
        stage: &Path,
        command: &[&str],
        wall_time: Duration,
        with_package: bool,
    ) -> Result<SealedRun, SandboxError> {
        let limits = self.config.limits;
        let name = stage
            .file_name()
            .map(|n| format!("wharf-{}", n.to_string_lossy()))
            .unwrap_or_else(|| "wharf-run".into());
        let groups = match &self.cgroups {
            Some(hierarchy) => Some(Cgroups::create(
                hierarchy,
                &name,
                limits.processes,
                limits.memory_bytes + limits.disk_bytes,
            )?),
            None => None,
        };
        let resolv = stage.join("resolv.conf");
        fs::write(
            &resolv,
            "nameserver 127.0.0.1\noptions attempts:1 timeout:1\n",
        )?;
        let hosts = stage.join("hosts");
        fs::write(
            &hosts,
            format!("127.0.0.1 localhost\n127.0.1.1 {HOSTNAME}\n::1 localhost ip6-localhost\n"),
        )?;
        let trace_path = stage.join("trace");
        let output_path = stage.join("output");
        let output = fs::File::create(&output_path)?;

        let mut args: Vec<String> = trace::OPTIONS.iter().map(|s| s.to_string()).collect();
        args.extend([
            "-o".into(),
            path_text(&trace_path),
            "-e".into(),
            format!("trace={}", trace::TRACED),
            "--".into(),
            "bwrap".into(),
        ]);
        let mut bwrap = |items: &[&str]| args.extend(items.iter().map(|s| s.to_string()));
        // No capability at all, even when Wharf runs as root (bwrap would keep them), and no
        // user namespace of its own inside: nothing can remount what is read-only.
        bwrap(&["--unshare-all", "--unshare-user", "--disable-userns"]);
        bwrap(&["--uid", "1000", "--gid", "1000", "--cap-drop", "ALL"]);
        bwrap(&["--die-with-parent", "--new-session", "--hostname", HOSTNAME]);
        bwrap(&["--ro-bind", "/usr", "/usr"]);
        // What an image keeps under /usr/local (cargo's and rustup's homes, with their
        // credentials) is not the build's business; the toolchain is bound again below.
        if Path::new("/usr/local").is_dir() {
            bwrap(&["--tmpfs", "/usr/local"]);
        }
        for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64"] {
            match fs::read_link(top) {
                Ok(target) => bwrap(&["--symlink", &path_text(&target), top]),
                Err(_) if Path::new(top).is_dir() => bwrap(&["--ro-bind", top, top]),
                Err(_) => {}
            }
        }
        for file in ETC {
            let path = format!("/etc/{file}");
            bwrap(&["--ro-bind-try", &path, &path]);
        }
        bwrap(&["--ro-bind", &path_text(&resolv), "/etc/resolv.conf"]);
        bwrap(&["--ro-bind", &path_text(&hosts), "/etc/hosts"]);
        let sysroot = path_text(&self.sysroot);
        bwrap(&["--ro-bind", &sysroot, &sysroot]);
        let disk = limits.disk_bytes.to_string();
        bwrap(&["--size", &disk, "--tmpfs", "/tmp"]);
        bwrap(&["--size", &disk, "--tmpfs", SANDBOX]);
        if with_package {
            // Only the downloaded packages of the shared cache, as `~/.cargo/registry`: its
            // configuration (a mirror's token, say) stays outside.
            let registry = self.config.work_dir.join("cargo-home/registry");
            fs::create_dir_all(&registry)?;
            let seen = format!("{HOME_REAL}/.cargo/registry");
            bwrap(&["--ro-bind", &path_text(&registry), &seen]);
            bwrap(&["--ro-bind", &path_text(&stage.join("src")), "/stage/src"]);
            bwrap(&["--ro-bind", &path_text(&stage.join("home")), "/stage/home"]);
            bwrap(&[
                "--ro-bind",
                &path_text(&stage.join("harness")),
                "/stage/harness",
            ]);
        }
        bwrap(&["--symlink", HOME_REAL, HOME]);
        bwrap(&["--dev", "/dev", "--proc", "/proc", "--chdir", "/"]);
        bwrap(&["--size", "67108864", "--tmpfs", "/dev/shm"]);
        // Everything not bound writable above is read-only, the root's own tmpfs included.
        bwrap(&["--remount-ro", "/"]);
        bwrap(&["--clearenv"]);
        let path = format!("{sysroot}/bin:/usr/local/bin:/usr/bin:/bin");
        for (key, value) in [
            ("PATH", path.as_str()),
            ("HOME", HOME),
            ("USER", "builder"),
            ("LOGNAME", "builder"),
            ("LANG", "C.UTF-8"),
            ("TMPDIR", TMP),
            ("CARGO_HOME", CARGO_HOME),
            ("CARGO_TARGET_DIR", TARGET),
            ("CARGO_TERM_COLOR", "never"),
            ("CARGO_BUILD_JOBS", "2"),
        ] {
            bwrap(&["--setenv", key, value]);
        }
        bwrap(&["--"]);
        bwrap(command);

        let mut child = Command::new("strace");
        child
            .args(&args)
            .stdin(Stdio::null())
            .stdout(output.try_clone()?)
            .stderr(output)
            .process_group(0);
        let join_fds = groups.as_ref().map(|g| g.join_fds()).unwrap_or_default();
        // Without control groups the per-user process limit is the only one (it counts every
        // process of the user, so it is not set where the groups count the build's own).
        let nproc = groups.is_none().then_some(limits.processes);
        // SAFETY: the closure only makes system calls (write, setrlimit, setpriority) on values
        // prepared before the fork; it allocates nothing.
        unsafe {
            child.pre_exec(move || {
                for fd in &join_fds {
                    if libc::write(*fd, b"0".as_ptr().cast(), 1) != 1 {
                        return Err(io::Error::last_os_error());
                    }
                }
                if let Some(processes) = nproc {
                    let limit = libc::rlimit {
                        rlim_cur: processes,
                        rlim_max: processes,
                    };
                    libc::setrlimit(libc::RLIMIT_NPROC, &limit);
                }
                // If Wharf dies, strace goes with it, and bwrap (--die-with-parent) with strace.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                // Detonation must not slow the registry it runs beside.
                libc::setpriority(libc::PRIO_PROCESS, 0, 10);
                Ok(())
            });
        }
        let mut child = match child.spawn() {
            Ok(child) => child,
            Err(error) => {
                if let Some(groups) = &groups {
                    groups.remove();
                }
                return Err(error.into());
            }
        };
        let started = Instant::now();
        let mut timed_out = false;
        let mut logs_too_large = false;
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break status;
            }
            let log_bytes = fs::metadata(&trace_path).map_or(0, |m| m.len())
                + fs::metadata(&output_path).map_or(0, |m| m.len());
            if log_bytes > MAX_LOG_BYTES {
                logs_too_large = true;
            }
            if started.elapsed() > wall_time || logs_too_large {
                timed_out = !logs_too_large;
                match &groups {
                    Some(groups) => groups.kill_all(),
                    // SAFETY: kill(2) of the process group the child leads.
                    None => unsafe {
                        libc::kill(-(child.id() as i32), libc::SIGKILL);
                    },
                }
                let _ = child.kill();
                break child.wait()?;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let (forks_refused, oom_kills) = match &groups {
            Some(groups) => {
                // Whatever the build left running in the background goes with it.
                groups.kill_all();
                let counts = (groups.forks_refused(), groups.oom_kills());
                groups.remove();
                counts
            }
            None => (0, 0),
        };
        Ok(SealedRun {
            success: status.success() && !timed_out && !logs_too_large,
            timed_out,
            logs_too_large,
            forks_refused,
            oom_kills,
            trace: read_lossy(&trace_path),
            output: read_lossy(&output_path),
        })
    }
}

struct SealedRun {
    success: bool,
    timed_out: bool,
    /// Stopped because its system calls or output outgrew [`MAX_LOG_BYTES`].
    logs_too_large: bool,
    forks_refused: u64,
    oom_kills: u64,
    trace: String,
    output: String,
}

fn read_lossy(path: &Path) -> String {
    fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// A flag for code the sandbox could not run, so that moderators look at it with their eyes.
fn not_run_finding(evidence: String) -> Finding {
    Finding {
        rule: "sandbox.not-run".into(),
        severity: wharf_policy::Verdict::Flag,
        file: None,
        line: None,
        evidence,
    }
}

/// Bytes used in the sandbox's tmpfs, from the last usage line the shell printed (`stat -f`:
/// blocks, free blocks, block size).
fn used_bytes(output: &str) -> Option<u64> {
    let line = output
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix(USAGE_MARKER))?;
    let numbers: Vec<u64> = line
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [blocks, free, size] => Some(blocks.saturating_sub(free) * size),
        _ => None,
    }
}

/// Whether a finding came from detonation (its rules all start so).
pub fn is_detonation_rule(rule: &str) -> bool {
    rule.starts_with("sandbox.")
}
