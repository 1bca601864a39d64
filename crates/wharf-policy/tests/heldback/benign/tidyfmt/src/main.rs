use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn fmt_toml(src: &str) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = src.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    doc.sort_values();
    for (_, item) in doc.iter_mut() {
        if let Some(t) = item.as_table_mut() {
            t.sort_values();
        }
    }
    let mut out = doc.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

fn fmt_json(src: &str) -> Result<String, String> {
    let v: serde_json::Value = serde_json::from_str(src).map_err(|e| e.to_string())?;
    let mut out = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?;
    out.push('\n');
    Ok(out)
}

fn collect(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        if let Ok(rd) = fs::read_dir(p) {
            for e in rd.flatten() {
                let n = e.file_name();
                if n == "target" || n == ".git" || n == "node_modules" {
                    continue;
                }
                collect(&e.path(), out);
            }
        }
    } else if matches!(p.extension().and_then(|e| e.to_str()), Some("toml" | "json")) {
        out.push(p.to_path_buf());
    }
}

fn main() -> ExitCode {
    let mut check = false;
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--check" {
            check = true;
        } else {
            collect(Path::new(&a), &mut files);
        }
    }
    let mut changed = 0;
    for f in files {
        let Ok(src) = fs::read_to_string(&f) else { continue };
        let res = match f.extension().and_then(|e| e.to_str()) {
            Some("toml") => fmt_toml(&src),
            _ => fmt_json(&src),
        };
        match res {
            Ok(out) if out != src => {
                changed += 1;
                if check {
                    println!("would reformat {}", f.display());
                } else if fs::write(&f, out).is_ok() {
                    println!("formatted {}", f.display());
                }
            }
            Ok(_) => {}
            Err(e) => eprintln!("{}: {e}", f.display()),
        }
    }
    if check && changed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
