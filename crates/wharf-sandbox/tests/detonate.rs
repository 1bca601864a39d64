//! Detonation of the project's own fixtures, each only ever run inside the sandbox.
//!
//! `tests/fixtures/hostile` build scripts each do one thing a malicious package does at build
//! time (only towards TEST-NET addresses and `.invalid` names); `honest` ones do what real build
//! scripts do (vendored C, code generation, git stamping, pkg-config, Configure && make, compiler
//! probes, conftest programs); `limits` ones exhaust processes, time and disk. Before any of them
//! runs, [`Sandbox::probe`] has proven the sandbox has no route out.
//!
//! Where the machine cannot sandbox (no bubblewrap or strace), the tests say so and pass, except
//! under CI, which installs both and must run them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use wharf_policy::Verdict;
use wharf_sandbox::{Detonation, Limits, Sandbox, SandboxConfig};
use wharf_tarball::test_support::TarballBuilder;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The fixture directory packed as cargo would: every file under `{name}-{version}/`.
fn pack(dir: &Path) -> Vec<u8> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let value: toml::Value = toml::from_str(&manifest).unwrap();
    let name = value["package"]["name"].as_str().unwrap();
    let version = value["package"]["version"].as_str().unwrap();
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    let mut builder = TarballBuilder::new();
    for relative in files {
        let contents = std::fs::read(dir.join(&relative)).unwrap();
        builder = builder.file(&format!("{name}-{version}/{relative}"), contents);
    }
    builder.build()
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).unwrap();
            files.push(relative.to_string_lossy().into_owned());
        }
    }
}

fn sandbox_with(limits: Limits) -> Option<Sandbox> {
    let dir = std::env::temp_dir().join(format!("wharf-sandbox-test-{}", std::process::id()));
    let mut config = SandboxConfig::new(dir);
    config.limits = limits;
    match Sandbox::probe(config) {
        Ok(sandbox) => Some(sandbox),
        Err(error) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: {error}");
            None
        }
        Err(error) => panic!("CI must be able to detonate: {error}"),
    }
}

fn sandbox() -> Option<&'static Sandbox> {
    static SANDBOX: OnceLock<Option<Sandbox>> = OnceLock::new();
    SANDBOX
        .get_or_init(|| {
            sandbox_with(Limits {
                wall_time: Duration::from_secs(120),
                ..Limits::default()
            })
        })
        .as_ref()
}

fn detonate(sandbox: &Sandbox, kind: &str, name: &str) -> Detonation {
    let bytes = pack(&fixtures().join(kind).join(name));
    sandbox.detonate(&bytes).unwrap()
}

fn holds(detonation: &Detonation) -> Vec<&str> {
    detonation
        .findings
        .iter()
        .filter(|f| f.severity >= Verdict::Hold)
        .map(|f| f.rule.as_str())
        .collect()
}

/// Every IPv4 packet to TEST-NET-1 (192.0.2.0/24) seen on the host's interfaces while it is open;
/// `None` where raw sockets are not allowed (not root).
struct Capture(i32);

impl Capture {
    fn open() -> Option<Capture> {
        // SAFETY: socket(2) with constant arguments; the descriptor is owned by the Capture.
        let fd = unsafe {
            libc::socket(
                libc::AF_PACKET,
                libc::SOCK_RAW | libc::SOCK_NONBLOCK,
                (libc::ETH_P_ALL as u16).to_be() as i32,
            )
        };
        (fd >= 0).then_some(Capture(fd))
    }

    /// Destinations in 192.0.2.0/24 of the IPv4 packets captured so far.
    fn test_net_packets(&self) -> usize {
        let mut seen = 0;
        let mut frame = [0u8; 65536];
        loop {
            // SAFETY: reads into a buffer of the length given.
            let n = unsafe { libc::recv(self.0, frame.as_mut_ptr().cast(), frame.len(), 0) };
            if n <= 0 {
                return seen;
            }
            let frame = &frame[..n as usize];
            // IPv4 (destination at 16..20 of its header) after an Ethernet header (type 0x0800)
            // or, on a point-to-point interface, alone.
            let ethernet = frame.len() >= 34 && frame[12..14] == [0x08, 0x00];
            let ip = if ethernet { &frame[14..] } else { frame };
            if ip.len() >= 20 && ip[0] >> 4 == 4 && ip[16..19] == [192, 0, 2] {
                seen += 1;
            }
        }
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        // SAFETY: the descriptor is this Capture's.
        unsafe { libc::close(self.0) };
    }
}

#[test]
fn the_sandbox_has_no_route_out() {
    let Some(sandbox) = sandbox() else { return };
    let capture = Capture::open();
    let proof = sandbox.prove_sealed().unwrap();
    assert!(proof.contains("ENETUNREACH"), "{proof}");
    assert!(proof.contains("[\"lo\"]"), "{proof}");
    let Some(capture) = capture else {
        eprintln!("no raw socket (not root): the host's interfaces were not watched");
        return;
    };
    assert_eq!(capture.test_net_packets(), 0, "a packet left the sandbox");
    // The watch itself works: a datagram the host sends to TEST-NET is seen, where the host
    // has a route for it at all.
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    if socket.send_to(b"wharf", "192.0.2.1:9").is_ok() {
        std::thread::sleep(Duration::from_millis(200));
        assert!(capture.test_net_packets() >= 1, "the capture sees nothing");
    }
}

#[test]
fn each_hostile_build_script_is_held_for_what_it_did() {
    let Some(sandbox) = sandbox() else { return };
    for (fixture, rule, evidence) in [
        ("net-exfil", "sandbox.network", "192.0.2.44:8443"),
        (
            "dns-exfil",
            "sandbox.dns",
            "6275696c646572.telemetry.example.invalid",
        ),
        (
            "dropped-exec",
            "sandbox.exec-dropped",
            "written by build-script-build",
        ),
        ("canary-read", "sandbox.canary-read", "read ~/.ssh/id_"),
        (
            "persistence",
            "sandbox.persistence",
            "wrote ~/.bashrc by cargo > build-script-build",
        ),
        ("destructive", "sandbox.destructive", "deleted ~/projects"),
        // A proc macro runs in the compiler of its users: the harness uses it.
        (
            "proc-macro-canary",
            "sandbox.canary-read",
            "read ~/.aws/credentials by cargo > rustc",
        ),
    ] {
        let detonation = detonate(sandbox, "hostile", fixture);
        let finding = detonation
            .findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{fixture}: no {rule} in {:#?}", detonation));
        assert_eq!(finding.severity, Verdict::Hold, "{fixture}");
        assert!(
            finding.evidence.contains(evidence),
            "{fixture}: {}",
            finding.evidence
        );
        assert!(
            finding.evidence.contains("by cargo > "),
            "{fixture}: the process is named: {}",
            finding.evidence
        );
    }
}

#[test]
fn honest_build_scripts_are_not_held() {
    let Some(sandbox) = sandbox() else { return };
    let mut honest: Vec<String> = std::fs::read_dir(fixtures().join("honest"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    honest.sort();
    assert!(honest.len() >= 10, "{honest:?}");
    for fixture in honest {
        let detonation = detonate(sandbox, "honest", &fixture);
        assert!(
            detonation.built,
            "{fixture} should build: {}",
            detonation.output_tail
        );
        assert_eq!(
            detonation.findings,
            vec![],
            "{fixture}: {}",
            detonation.output_tail
        );
    }
}

#[test]
fn limits_end_in_a_hold_that_names_them() {
    // Short time for what never ends; long enough for the rest even on a loaded machine.
    let limits = |seconds| Limits {
        wall_time: Duration::from_secs(seconds),
        processes: 256,
        memory_bytes: 2 << 30,
        disk_bytes: 256 << 20,
    };
    let (Some(short), Some(long)) = (sandbox_with(limits(20)), sandbox_with(limits(120))) else {
        return;
    };
    // The fork bomb is compiled inside the sandbox before it forks: on a loaded machine that
    // alone can take longer than the short limit, which would then end it first.
    for (sandbox, fixture, limit) in [
        (&long, "fork-bomb", "process limit"),
        (&short, "endless-loop", "time limit"),
        (&long, "disk-fill", "disk limit"),
    ] {
        let detonation = detonate(sandbox, "limits", fixture);
        assert_eq!(
            holds(&detonation),
            ["sandbox.limit"],
            "{fixture}: {detonation:#?}"
        );
        assert!(
            detonation.findings[0].evidence.contains(limit),
            "{fixture}: {}",
            detonation.findings[0].evidence
        );
    }
}
