fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let cfg = licensehdr::Config::new("Apache-2.0", "The Example Authors");
    let r = licensehdr::check_tree(&root, &cfg).expect("walk");
    println!("checked {} files, {} missing", r.checked, r.missing.len());
    for m in r.missing {
        println!("  {}", m.display());
    }
    std::process::exit(if r.wrong_id.is_empty() { 0 } else { 1 });
}
