use std::time::Duration;

use usersvc::{Backend, Installer, Schedule, ServiceSpec, Step};

fn spec() -> ServiceSpec {
    // validation needs an existing absolute program; the test binary itself will do
    let exe = std::env::current_exe().unwrap();
    ServiceSpec::new("com.example.sync", exe)
        .description("example sync")
        .arg("sync")
        .arg("--dir=/tmp/with space")
        .env("RUST_LOG", "info")
}

#[test]
fn systemd_plan_is_reviewable() {
    let inst = Installer::with_backend(Backend::SystemdUser, "/home/u");
    let plan = inst
        .plan_install(&spec().schedule(Schedule::Every(Duration::from_secs(3600))))
        .unwrap();
    let text = plan.to_string();
    assert!(text.contains("com.example.sync.service"));
    assert!(text.contains("OnUnitActiveSec=3600s"));
    assert!(text.contains("\"--dir=/tmp/with space\""));
    assert!(matches!(plan.steps.last(), Some(Step::Run { program, .. }) if program == "systemctl"));
}

#[test]
fn launchd_escapes() {
    let inst = Installer::with_backend(Backend::Launchd, "/Users/u");
    let plan = inst.plan_install(&spec().arg("<&>")).unwrap();
    assert!(plan.to_string().contains("&lt;&amp;&gt;"));
}

#[test]
fn uninstall_mirrors_install() {
    let inst = Installer::with_backend(Backend::SystemdUser, "/home/u");
    let plan = inst.plan_uninstall(&spec()).unwrap();
    assert!(plan.steps.iter().any(|s| matches!(s, Step::RemoveFile { .. })));
}

#[test]
fn rejects_relative_program() {
    let inst = Installer::with_backend(Backend::SystemdUser, "/home/u");
    assert!(inst.plan_install(&ServiceSpec::new("x", "bin/tool")).is_err());
}
