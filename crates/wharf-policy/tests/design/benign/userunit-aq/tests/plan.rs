use std::path::PathBuf;
use userunit::{plan, plan_uninstall, Backend, Op, Options, UnitSpec};

fn opts(b: Backend) -> Options {
    Options { backend: Some(b), enable: true, home: Some(PathBuf::from("/home/tester")) }
}

#[test]
fn systemd_plan_is_dry() {
    let spec = UnitSpec::new("com.example.syncd", "/opt/syncd/bin/syncd").arg("--port=8080").arg("50% $HOME");
    let p = plan(&spec, &opts(Backend::Systemd)).unwrap();
    assert_eq!(p.ops.len(), 2);
    match &p.ops[0] {
        Op::Write { path, contents, .. } => {
            assert_eq!(path, &PathBuf::from("/home/tester/.config/systemd/user/com.example.syncd.service"));
            assert!(contents.contains("ExecStart=\"/opt/syncd/bin/syncd\" \"--port=8080\" \"50%% $$HOME\""));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(!PathBuf::from("/home/tester/.config/systemd/user/com.example.syncd.service").exists());
}

#[test]
fn rejects_relative_program_and_bad_names() {
    assert!(plan(&UnitSpec::new("ok", "syncd"), &opts(Backend::Systemd)).is_err());
    assert!(plan(&UnitSpec::new("../other", "/bin/true"), &opts(Backend::Systemd)).is_err());
    assert!(plan(&UnitSpec::new("a b", "/bin/true"), &opts(Backend::Launchd)).is_err());
}

#[test]
fn uninstall_lists_removals() {
    let p = plan_uninstall("com.example.syncd", &opts(Backend::Launchd)).unwrap();
    assert_eq!(
        p.ops,
        vec![Op::Remove { path: PathBuf::from("/home/tester/Library/LaunchAgents/com.example.syncd.plist") }]
    );
}
