use ssh2::{CheckResult, KnownHostFileKind, Session};

use crate::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKeyPolicy {
    /// Host must already be in known_hosts with a matching key.
    Strict,
    /// Unknown hosts are added; changed keys are still rejected.
    AcceptNew,
}

fn known_hosts_path() -> Option<std::path::PathBuf> {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
    Some(std::path::Path::new(&home).join(".ssh").join("known_hosts"))
}

pub fn check(sess: &Session, host: &str, port: u16, policy: HostKeyPolicy) -> Result<(), Error> {
    let (key, key_type) = sess.host_key().ok_or_else(|| Error::UntrustedHost(host.into()))?;
    let mut kh = sess.known_hosts()?;
    let path = known_hosts_path();
    if let Some(p) = &path {
        let _ = kh.read_file(p, KnownHostFileKind::OpenSSH);
    }
    match kh.check_port(host, port, key) {
        CheckResult::Match => Ok(()),
        CheckResult::NotFound if policy == HostKeyPolicy::AcceptNew => {
            let name = if port == 22 { host.to_string() } else { format!("[{host}]:{port}") };
            kh.add(&name, key, "added by remote-exec", key_type.into())?;
            if let Some(p) = &path {
                kh.write_file(p, KnownHostFileKind::OpenSSH)?;
            }
            Ok(())
        }
        _ => Err(Error::UntrustedHost(host.into())),
    }
}
