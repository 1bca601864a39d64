use canaryroll::calendar::{days_from_civil, parse_date};
use canaryroll::{Config, DecisionCache, FlagRule, FreezePolicy, KillState, PurgeOutcome, Ramp, Reason, Region, Rollout};

fn cfg(ramp: Ramp) -> Config {
    Config {
        flags: vec![FlagRule::new("f", ramp)],
        host_id: Some("host-a".into()),
        freeze: FreezePolicy { region: Some(Region::Other), ..FreezePolicy::default() },
        ..Config::default()
    }
}

#[test]
fn full_ramp_enables() {
    if canaryroll::running_in_ci() {
        return;
    }
    let r = Rollout::new(cfg(Ramp::Fixed(100.0)));
    assert!(r.enabled("f"));
    assert!(!r.enabled("unknown"));
}

#[test]
fn kill_state_wins() {
    if canaryroll::running_in_ci() {
        return;
    }
    let r = Rollout::new(cfg(Ramp::Fixed(100.0)));
    let mut k = KillState::default();
    k.killed.insert("f".into());
    r.apply_kill_state(k);
    let d = r.decide("f");
    assert_eq!(d.reason, Reason::Killed);
    assert!(!d.enabled);
}

#[test]
fn weekend_freeze_holds_ramp() {
    if canaryroll::running_in_ci() {
        return;
    }
    let r = Rollout::new(cfg(Ramp::linear("2024-06-01", "2024-06-30").unwrap()));
    // Saturday 2024-06-15 12:00 UTC is frozen; ramp held at Friday 15:00.
    let sat = days_from_civil(2024, 6, 15) * 86_400 + 12 * 3600;
    let d = r.decide_at("f", sat);
    assert!(d.frozen);
    let fri = (parse_date("2024-06-14").unwrap() * 86_400 + 15 * 3600) as f64 / 86_400.0;
    let expect = Ramp::linear("2024-06-01", "2024-06-30").unwrap().percent_at(fri);
    assert!((d.percent - expect).abs() < 1e-6);
}

#[test]
fn purge_dry_run_keeps_file() {
    let dir = std::env::temp_dir().join(format!("canaryroll-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("flags.json");
    let c = DecisionCache::new(&path);
    c.store(&[("f".to_string(), true)].into_iter().collect()).unwrap();
    assert_eq!(c.purge(true).unwrap(), PurgeOutcome::WouldRemove(path.clone()));
    assert!(path.exists());
    assert_eq!(c.purge(false).unwrap(), PurgeOutcome::Removed(path.clone()));
    assert!(!path.exists());
    let _ = std::fs::remove_dir_all(&dir);
}
