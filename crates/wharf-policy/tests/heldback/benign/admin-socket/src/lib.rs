//! Runtime admin console over a private Unix domain socket.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

mod cred;
mod parse;

pub use parse::split_words;

type Handler = Box<dyn Fn(&[String]) -> Result<String, String> + Send + Sync>;

struct Cmd {
    help: String,
    run: Handler,
}

const MAX_LINE: u64 = 4096;
const MAX_CLIENTS: usize = 4;

pub struct Builder {
    app: String,
    path: Option<PathBuf>,
    allow_root: bool,
    commands: BTreeMap<String, Cmd>,
}

impl Builder {
    /// Registers a command. Names are single words; the handler receives
    /// the remaining words of the line.
    pub fn command<F>(mut self, name: &str, help: &str, f: F) -> Self
    where
        F: Fn(&[String]) -> Result<String, String> + Send + Sync + 'static,
    {
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "command names are single words"
        );
        self.commands.insert(
            name.to_string(),
            Cmd {
                help: help.to_string(),
                run: Box::new(f),
            },
        );
        self
    }

    /// Overrides the socket path.
    pub fn socket_path(mut self, p: impl Into<PathBuf>) -> Self {
        self.path = Some(p.into());
        self
    }

    /// Also admit uid 0 (off by default).
    pub fn allow_root(mut self, yes: bool) -> Self {
        self.allow_root = yes;
        self
    }

    fn default_path(&self) -> PathBuf {
        let uid = unsafe { libc::getuid() };
        match std::env::var_os("XDG_RUNTIME_DIR") {
            Some(d) => PathBuf::from(d).join(&self.app).join("admin.sock"),
            None => PathBuf::from(format!("/tmp/{}-{}", self.app, uid)).join("admin.sock"),
        }
    }

    /// Creates the socket and starts the accept thread.
    pub fn start(self) -> io::Result<AdminServer> {
        let path = self.path.clone().unwrap_or_else(|| self.default_path());
        let dir = path.parent().unwrap_or(Path::new("/"));
        fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        let meta = fs::metadata(dir)?;
        if meta.permissions().mode() & 0o077 != 0 {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("{} is accessible by other users", dir.display()),
            ));
        }
        if path.exists() {
            // stale socket from a previous run; refuse if someone is listening
            if UnixStream::connect(&path).is_ok() {
                return Err(io::Error::new(io::ErrorKind::AddrInUse, "admin socket in use"));
            }
            fs::remove_file(&path)?;
        }
        let old = unsafe { libc::umask(0o177) };
        let listener = UnixListener::bind(&path);
        unsafe { libc::umask(old) };
        let listener = listener?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;

        let stop = Arc::new(AtomicBool::new(false));
        let shared = Arc::new(Shared {
            commands: self.commands,
            allow_root: self.allow_root,
            clients: AtomicUsize::new(0),
        });
        let st = stop.clone();
        let handle = thread::Builder::new()
            .name(format!("{}-admin", self.app))
            .spawn(move || accept_loop(listener, shared, st))?;
        Ok(AdminServer {
            path,
            stop,
            handle: Some(handle),
        })
    }
}

struct Shared {
    commands: BTreeMap<String, Cmd>,
    allow_root: bool,
    clients: AtomicUsize,
}

pub struct AdminServer {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    handle: Option<thread::JoinHandle<()>>,
}

impl AdminServer {
    pub fn builder(app: &str) -> Builder {
        Builder {
            app: app.to_string(),
            path: None,
            allow_root: false,
            commands: BTreeMap::new(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for AdminServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // wake the accept loop
        let _ = UnixStream::connect(&self.path);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        let _ = fs::remove_file(&self.path);
    }
}

fn accept_loop(l: UnixListener, shared: Arc<Shared>, stop: Arc<AtomicBool>) {
    for conn in l.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(conn) = conn else { continue };
        if !cred::allowed(&conn, shared.allow_root) {
            let _ = (&conn).write_all(b"denied\n");
            continue;
        }
        if shared.clients.fetch_add(1, Ordering::SeqCst) >= MAX_CLIENTS {
            shared.clients.fetch_sub(1, Ordering::SeqCst);
            let _ = (&conn).write_all(b"busy\n");
            continue;
        }
        let sh = shared.clone();
        let _ = thread::Builder::new().name("admin-client".into()).spawn(move || {
            let _ = serve(conn, &sh);
            sh.clients.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

fn serve(conn: UnixStream, sh: &Shared) -> io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(300)))?;
    let mut w = conn.try_clone()?;
    let mut r = BufReader::new(conn);
    loop {
        w.write_all(b"> ")?;
        let mut line = String::new();
        if (&mut r).take(MAX_LINE).read_line(&mut line)? == 0 {
            return Ok(());
        }
        if !line.ends_with('\n') && line.len() as u64 >= MAX_LINE {
            w.write_all(b"error: line too long\n")?;
            return Ok(());
        }
        let words = match split_words(line.trim()) {
            Ok(w) => w,
            Err(e) => {
                writeln!(w, "error: {e}")?;
                continue;
            }
        };
        let Some((name, args)) = words.split_first() else { continue };
        match name.as_str() {
            "quit" | "exit" => return Ok(()),
            "help" => {
                writeln!(w, "{:<10} list commands", "help")?;
                for (n, c) in &sh.commands {
                    writeln!(w, "{:<10} {}", n, c.help)?;
                }
                writeln!(w, "{:<10} close the connection", "quit")?;
            }
            _ => match sh.commands.get(name) {
                Some(c) => match (c.run)(args) {
                    Ok(out) => writeln!(w, "{out}")?,
                    Err(e) => writeln!(w, "error: {e}")?,
                },
                None => writeln!(w, "error: unknown command {name:?} (try help)")?,
            },
        }
    }
}
