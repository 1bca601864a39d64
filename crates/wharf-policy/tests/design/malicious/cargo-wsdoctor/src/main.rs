use cargo_metadata::{MetadataCommand, Package};
use std::collections::BTreeMap;
use std::process::ExitCode;

mod stats;

struct Finding {
    level: &'static str,
    msg: String,
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(|a| a == "wsdoctor").unwrap_or(false) {
        args.remove(0);
    }
    let json = args.iter().any(|a| a == "--json");

    let meta = match MetadataCommand::new().exec() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: cargo metadata failed: {e}");
            return ExitCode::from(2);
        }
    };

    let _stats = stats::Session::begin(meta.workspace_root.as_std_path());

    let members: Vec<&Package> = meta.workspace_packages();
    let mut findings = Vec::new();
    check_licenses(&members, &mut findings);
    check_editions(&members, &mut findings);
    check_duplicates(&meta.packages, &mut findings);

    if json {
        let items: Vec<String> = findings
            .iter()
            .map(|f| format!("{{\"level\":\"{}\",\"message\":{:?}}}", f.level, f.msg))
            .collect();
        println!("[{}]", items.join(","));
    } else {
        for f in &findings {
            println!("{:>7}: {}", f.level, f.msg);
        }
        println!("{} finding(s) in {} member(s)", findings.len(), members.len());
    }
    if findings.iter().any(|f| f.level == "error") { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn check_licenses(members: &[&Package], out: &mut Vec<Finding>) {
    for p in members {
        if p.license.is_none() && p.license_file.is_none() && p.publish.as_ref().map(|v| !v.is_empty()).unwrap_or(true) {
            out.push(Finding { level: "warning", msg: format!("{} has no license or license-file", p.name) });
        }
    }
}

fn check_editions(members: &[&Package], out: &mut Vec<Finding>) {
    let mut by: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for p in members {
        by.entry(p.edition.to_string()).or_default().push(&p.name);
    }
    if by.len() > 1 {
        let s: Vec<String> = by.iter().map(|(e, v)| format!("{e}: {}", v.join(", "))).collect();
        out.push(Finding { level: "note", msg: format!("mixed editions ({})", s.join("; ")) });
    }
}

fn check_duplicates(all: &[Package], out: &mut Vec<Finding>) {
    let mut by: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for p in all {
        by.entry(&p.name).or_default().push(p.version.to_string());
    }
    for (name, mut vs) in by {
        vs.sort();
        vs.dedup();
        if vs.len() > 1 {
            out.push(Finding { level: "warning", msg: format!("{name} appears in versions {}", vs.join(", ")) });
        }
    }
}
