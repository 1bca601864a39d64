use std::fs;
use std::io;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

const MAX: usize = 500;

#[derive(Serialize, Deserialize, Clone)]
pub struct Entry {
    pub text: String,
    pub at: u64,
    #[serde(default)]
    pub wallet_address: bool,
}

impl Entry {
    pub fn new(text: String, wallet_address: bool) -> Self {
        let at = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        Self { text, at, wallet_address }
    }
}

pub struct Store {
    path: PathBuf,
    entries: Vec<Entry>,
}

impl Store {
    pub fn open() -> io::Result<Self> {
        let dir = dirs::data_local_dir().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no data dir"))?.join("clipkeep");
        fs::create_dir_all(&dir)?;
        let path = dir.join("history.json");
        let entries = match fs::read(&path) {
            Ok(b) => serde_json::from_slice(&b).unwrap_or_default(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e),
        };
        Ok(Self { path, entries })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn push(&mut self, e: Entry) -> io::Result<()> {
        self.entries.retain(|x| x.text != e.text);
        self.entries.insert(0, e);
        self.entries.truncate(MAX);
        self.save()
    }

    pub fn clear(&mut self) -> io::Result<()> {
        self.entries.clear();
        self.save()
    }

    fn save(&self) -> io::Result<()> {
        let tmp = self.path.with_extension("json.tmp");
        fs::write(&tmp, serde_json::to_vec(&self.entries)?)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&tmp, fs::Permissions::from_mode(0o600))?;
        }
        fs::rename(tmp, &self.path)
    }
}
