fn main() {
    let report = dbgwatch::scan();
    if report.is_clean() {
        println!("no signals ({:?})", report.elapsed);
    }
    for f in &report.findings {
        println!("{:?} [{:?}] {}", f.kind, f.confidence, f.detail);
    }
}
