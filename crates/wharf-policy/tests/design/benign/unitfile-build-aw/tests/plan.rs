use unitfile_build::{Action, Installer, Scope, Service, Timer};

fn tmpdir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("unitfile-build-{}-{}", tag, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn plan_has_no_side_effects() {
    let dir = tmpdir("plan");
    let svc = Service::new("report").exec(["/usr/bin/true"]).oneshot();
    let timer = Timer::new("report").on_calendar("hourly");
    let plan = Installer::new(Scope::User)
        .unit_dir(&dir)
        .with_timer(&svc, &timer)
        .enable(true)
        .plan()
        .unwrap();
    assert!(!dir.exists(), "planning must not create anything");
    assert!(matches!(plan.actions[0], Action::CreateDir(_)));
    let last = plan.actions.last().unwrap();
    assert_eq!(
        last,
        &Action::Run { program: "systemctl".into(), args: vec!["--user".into(), "enable".into(), "report.timer".into()] }
    );
    let printed = plan.to_string();
    assert!(printed.contains("report.service"));
}

#[test]
fn relative_program_is_rejected() {
    let svc = Service::new("bad").exec(["backup.sh"]);
    assert!(Installer::new(Scope::User).unit_dir(tmpdir("rel")).with_service(&svc).plan().is_err());
}

#[test]
fn refuses_to_overwrite() {
    let dir = tmpdir("ow");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("svc.service"), "existing").unwrap();
    let svc = Service::new("svc").exec(["/bin/true"]);
    assert!(Installer::new(Scope::User).unit_dir(&dir).with_service(&svc).plan().is_err());
    assert!(Installer::new(Scope::User).unit_dir(&dir).with_service(&svc).overwrite(true).plan().is_ok());
    std::fs::remove_dir_all(&dir).ok();
}
