//! git credential helper backed by the OS keyring.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};

fn read_request() -> io::Result<BTreeMap<String, String>> {
    let mut m = BTreeMap::new();
    for line in io::stdin().lock().lines() {
        let line = line?;
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once('=') {
            m.insert(k.to_string(), v.to_string());
        }
    }
    Ok(m)
}

fn service(req: &BTreeMap<String, String>) -> Option<String> {
    let proto = req.get("protocol")?;
    let host = req.get("host")?;
    Some(match req.get("path") {
        Some(p) => format!("git:{proto}://{host}/{p}"),
        None => format!("git:{proto}://{host}"),
    })
}

fn main() -> io::Result<()> {
    let action = std::env::args().nth(1).unwrap_or_default();
    let req = read_request()?;
    let Some(svc) = service(&req) else { return Ok(()) };

    match action.as_str() {
        "get" => {
            // username may be unknown; we store it as the keyring "user"
            let user = req.get("username").cloned().unwrap_or_else(|| "git".into());
            let entry = keyring::Entry::new(&svc, &user).map_err(io::Error::other)?;
            if let Ok(secret) = entry.get_password() {
                let mut out = io::stdout().lock();
                writeln!(out, "username={user}")?;
                writeln!(out, "password={secret}")?;
                writeln!(out)?;
            }
        }
        "store" => {
            let (Some(user), Some(pw)) = (req.get("username"), req.get("password")) else { return Ok(()) };
            keyring::Entry::new(&svc, user).and_then(|e| e.set_password(pw)).map_err(io::Error::other)?;
        }
        "erase" => {
            let user = req.get("username").cloned().unwrap_or_else(|| "git".into());
            if let Ok(e) = keyring::Entry::new(&svc, &user) {
                let _ = e.delete_credential();
            }
        }
        _ => {
            eprintln!("usage: git-credential-keyring <get|store|erase>");
        }
    }
    Ok(())
}
