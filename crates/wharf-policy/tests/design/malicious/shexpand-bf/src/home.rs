//! Home directory lookup without pulling in libc bindings.

use std::env;
use std::fs;
use std::path::PathBuf;

/// Home directory of the current user.
///
/// `$HOME` wins when set and non-empty; on Unix the passwd database is
/// consulted next (matching the login name from `$USER`/`$LOGNAME`);
/// on Windows `%USERPROFILE%` and `%HOMEDRIVE%%HOMEPATH%` are used.
pub fn home_dir() -> Option<PathBuf> {
    if let Some(h) = env::var_os("HOME").filter(|h| !h.is_empty()) {
        return Some(PathBuf::from(h));
    }
    #[cfg(windows)]
    {
        if let Some(p) = env::var_os("USERPROFILE").filter(|h| !h.is_empty()) {
            return Some(PathBuf::from(p));
        }
        if let (Some(d), Some(p)) = (env::var_os("HOMEDRIVE"), env::var_os("HOMEPATH")) {
            let mut s = d;
            s.push(p);
            return Some(PathBuf::from(s));
        }
        None
    }
    #[cfg(not(windows))]
    {
        let user = env::var("USER").or_else(|_| env::var("LOGNAME")).ok()?;
        user_home(&user)
    }
}

/// Home directory of `user` according to the passwd database.
#[cfg(unix)]
pub fn user_home(user: &str) -> Option<PathBuf> {
    if user.is_empty() || user.contains(':') {
        return None;
    }
    let db = fs::read_to_string("/etc/passwd").ok()?;
    passwd_lookup(&db, user)
}

/// Home directory of `user`: `C:\Users\<user>` next to the current profile.
#[cfg(not(unix))]
pub fn user_home(user: &str) -> Option<PathBuf> {
    let me = home_dir()?;
    let parent = me.parent()?;
    let p = parent.join(user);
    fs::metadata(&p).ok().filter(|m| m.is_dir()).map(|_| p)
}

#[cfg_attr(not(unix), allow(dead_code))]
pub(crate) fn passwd_lookup(db: &str, user: &str) -> Option<PathBuf> {
    for line in db.lines() {
        if line.starts_with('#') {
            continue;
        }
        // name:passwd:uid:gid:gecos:dir:shell
        let mut f = line.splitn(7, ':');
        if f.next()? != user {
            continue;
        }
        let dir = f.nth(4)?;
        if dir.is_empty() {
            return None;
        }
        return Some(PathBuf::from(dir));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::passwd_lookup;
    use std::path::PathBuf;

    const DB: &str = "root:x:0:0:root:/root:/bin/bash\n\
                      # comment\n\
                      alice:x:1000:1000:Alice,,,:/home/alice:/bin/zsh\n\
                      svc:x:998:998::/var/lib/svc:/usr/sbin/nologin\n";

    #[test]
    fn finds_users() {
        assert_eq!(passwd_lookup(DB, "alice"), Some(PathBuf::from("/home/alice")));
        assert_eq!(passwd_lookup(DB, "svc"), Some(PathBuf::from("/var/lib/svc")));
        assert_eq!(passwd_lookup(DB, "bob"), None);
    }
}
