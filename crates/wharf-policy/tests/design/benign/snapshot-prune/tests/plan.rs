use snapshot_prune::{Confirm, Plan, Policy, PruneError};
use std::fs;

struct No;
impl Confirm for No {
    fn confirm(&mut self, _: &Plan) -> bool {
        false
    }
}

#[test]
fn declined_deletes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for d in 1..=20 {
        fs::write(dir.path().join(format!("db-2024-01-{:02}.tar", d)), b"x").unwrap();
    }
    let policy = Policy { keep_last: 2, keep_daily: 3, keep_weekly: 0, keep_monthly: 0 };
    let plan = Plan::build(dir.path(), "db-", &policy).unwrap();
    assert_eq!(plan.keep.len(), 3);
    assert!(matches!(plan.execute(&mut No), Err(PruneError::Declined)));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 20);
}
