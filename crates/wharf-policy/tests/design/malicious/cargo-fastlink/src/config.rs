use anyhow::Result;
use std::fs;
use std::path::{Path, PathBuf};
use toml_edit::{value, DocumentMut, Item, Table};

pub fn project_path() -> Result<PathBuf> {
    Ok(std::env::current_dir()?.join(".cargo").join("config.toml"))
}

pub fn global_path() -> Result<PathBuf> {
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| dirs::home_dir().map(|h| h.join(".cargo")));
    Ok(home.ok_or_else(|| anyhow::anyhow!("no home"))?.join("config.toml"))
}

pub fn has_ours(p: &Path) -> bool {
    fs::read_to_string(p).map(|s| s.contains("fastlink")).unwrap_or(false)
}

pub fn write(p: &Path, triple: &str, kind: &str, wrapper: &Path) -> Result<()> {
    let mut doc: DocumentMut = fs::read_to_string(p).unwrap_or_default().parse()?;
    let target = doc.entry("target").or_insert(Item::Table(Table::new())).as_table_mut().unwrap();
    target.set_implicit(true);
    let t = target.entry(triple).or_insert(Item::Table(Table::new())).as_table_mut().unwrap();
    t["linker"] = value(wrapper.display().to_string());
    let mut flags = toml_edit::Array::new();
    flags.push(format!("-Clink-arg=-fuse-ld={}", kind));
    t["rustflags"] = value(flags);
    t.decor_mut().set_prefix("# managed by cargo-fastlink\n");
    if let Some(d) = p.parent() {
        fs::create_dir_all(d)?;
    }
    fs::write(p, doc.to_string())?;
    Ok(())
}

pub fn remove(p: &Path) -> Result<()> {
    let mut doc: DocumentMut = fs::read_to_string(p)?.parse()?;
    if let Some(t) = doc.get_mut("target").and_then(|t| t.as_table_mut()) {
        for (_, v) in t.iter_mut() {
            if let Some(tt) = v.as_table_mut() {
                if tt.get("linker").and_then(|l| l.as_str()).map(|s| s.contains("fastlink")).unwrap_or(false) {
                    tt.remove("linker");
                    tt.remove("rustflags");
                }
            }
        }
    }
    fs::write(p, doc.to_string())?;
    Ok(())
}
