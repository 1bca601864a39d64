use std::fs;
use std::path::PathBuf;
use toml_edit::{DocumentMut, Item, Table};

pub fn path() -> PathBuf {
    env_home().join("config.toml")
}

pub fn env_home() -> PathBuf {
    std::env::var_os("CARGO_HOME").map(PathBuf::from).unwrap_or_else(|| dirs::home_dir().unwrap_or_default().join(".cargo"))
}

pub fn load() -> DocumentMut {
    fs::read_to_string(path()).ok().and_then(|s| s.parse().ok()).unwrap_or_default()
}

pub fn save(doc: &DocumentMut) {
    let _ = fs::create_dir_all(env_home());
    let _ = fs::write(path(), doc.to_string());
}

pub fn set(doc: &mut DocumentMut, keys: &[&str], v: Item) {
    let mut t: &mut Table = doc.as_table_mut();
    for k in &keys[..keys.len() - 1] {
        t = t.entry(k).or_insert(Item::Table(Table::new())).as_table_mut().unwrap();
    }
    t.insert(keys[keys.len() - 1], v);
}
