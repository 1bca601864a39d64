//! Single-instance applications for Unix desktops.
//!
//! See [`acquire`].

#![cfg(unix)]

mod ipc;
mod names;
mod session;

use std::env;
use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Result of [`acquire`].
pub enum Acquired {
    /// We are the primary instance.
    Primary(Instance),
    /// Another instance is running and has received our arguments.
    Forwarded,
}

/// Directories used by one application id.
#[derive(Debug, Clone)]
pub(crate) struct Dirs {
    pub(crate) socket: PathBuf,
    pub(crate) pid: PathBuf,
    pub(crate) state: PathBuf,
}

impl Dirs {
    fn for_app(app_id: &str) -> io::Result<Dirs> {
        let user = env::var("USER").or_else(|_| env::var("LOGNAME")).unwrap_or_default();
        let key = names::fnv64(&[app_id.as_bytes(), user.as_bytes()]);
        let short = names::encode(&key.to_le_bytes());

        let runtime = env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).unwrap_or_else(env::temp_dir);
        let state_root = env::var_os("XDG_STATE_HOME")
            .map(PathBuf::from)
            .or_else(|| home().map(|h| h.join(".local/state")))
            .unwrap_or_else(env::temp_dir);
        let state = state_root.join("oneinstance").join(sanitize(app_id));
        fs::create_dir_all(&state)?;
        Ok(Dirs {
            socket: runtime.join(format!("oi-{short}.sock")),
            pid: runtime.join(format!("oi-{short}.pid")),
            state,
        })
    }
}

pub(crate) fn home() -> Option<PathBuf> {
    env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from)
}

fn sanitize(app_id: &str) -> String {
    app_id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect()
}

/// Become the primary instance of `app_id`, or forward this process's
/// arguments (without `argv[0]`) to the running primary.
pub fn acquire(app_id: &str) -> io::Result<Acquired> {
    let args: Vec<String> = env::args().skip(1).collect();
    acquire_with_args(app_id, &args)
}

/// Like [`acquire`], forwarding `args` instead of the process arguments.
pub fn acquire_with_args(app_id: &str, args: &[String]) -> io::Result<Acquired> {
    let dirs = Dirs::for_app(app_id)?;
    for _attempt in 0..3 {
        match UnixListener::bind(&dirs.socket) {
            Ok(listener) => {
                fs::set_permissions(&dirs.socket, fs::Permissions::from_mode(0o600))?;
                fs::write(&dirs.pid, std::process::id().to_string())?;
                let first_launch = session::mark_launch(&dirs.state)?;
                return Ok(Acquired::Primary(Instance { listener, dirs, first_launch }));
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => match UnixStream::connect(&dirs.socket) {
                Ok(mut s) => {
                    ipc::send(&mut s, args)?;
                    return Ok(Acquired::Forwarded);
                }
                Err(_) => {
                    // Nobody listening: the previous primary crashed.
                    let _ = fs::remove_file(&dirs.socket);
                    std::thread::sleep(Duration::from_millis(20));
                }
            },
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::AddrInUse, "could not take over stale instance socket"))
}

/// The primary instance. Dropping it releases the name.
pub struct Instance {
    listener: UnixListener,
    dirs: Dirs,
    first_launch: bool,
}

impl Instance {
    /// `true` the very first time this app id ran for this user.
    pub fn is_first_launch(&self) -> bool {
        self.first_launch
    }

    /// Path of the listening socket.
    pub fn socket_path(&self) -> &Path {
        &self.dirs.socket
    }

    /// Block for the next forwarded argument vector.
    pub fn recv(&self) -> io::Result<Vec<String>> {
        loop {
            let (mut s, _) = self.listener.accept()?;
            match ipc::recv(&mut s) {
                Ok(args) => return Ok(args),
                Err(_) => continue, // garbage or a port scanner; ignore
            }
        }
    }

    /// Iterator over forwarded argument vectors; ends on listener error.
    pub fn incoming(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        std::iter::from_fn(move || self.recv().ok())
    }

    /// Seconds since this app id first ran for this user.
    pub fn installed_for(&self) -> Duration {
        session::first_launch_age(&self.dirs.state)
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.dirs.socket);
        let _ = fs::remove_file(&self.dirs.pid);
        session::on_clean_exit(&self.dirs);
    }
}

pub(crate) fn now() -> SystemTime {
    SystemTime::now()
}
