fn main() {
    let ci = cienv::CiInfo::detect();
    match ci.provider() {
        Some(p) => println!("{}: branch={:?} commit={:?} pr={:?}", p.name(), ci.branch, ci.commit, ci.pull_request),
        None => println!("not running under CI"),
    }
}
