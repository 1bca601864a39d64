use std::fs::{self, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rand::{distributions::Alphanumeric, Rng, RngCore};

use crate::Options;

#[derive(Debug, Clone, Copy)]
pub enum Pattern {
    Random,
    Zero,
    Byte(u8),
}

#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub files: u64,
    pub bytes_written: u64,
}

const CHUNK: usize = 1 << 16;

pub(crate) fn overwrite_file(path: &Path, opts: &Options, stats: &mut Stats) -> io::Result<()> {
    let len = fs::metadata(path)?.len();
    let mut f = OpenOptions::new().write(true).open(path)?;
    let mut plan: Vec<Pattern> = (0..opts.passes)
        .map(|i| match i % 3 {
            0 => Pattern::Random,
            1 => Pattern::Byte(0x55),
            _ => Pattern::Byte(0xAA),
        })
        .collect();
    if opts.zero_last {
        plan.push(Pattern::Zero);
    }
    let mut rng = rand::thread_rng();
    let mut buf = vec![0u8; CHUNK];
    for pat in plan {
        f.seek(SeekFrom::Start(0))?;
        let mut left = len;
        while left > 0 {
            let n = left.min(CHUNK as u64) as usize;
            match pat {
                Pattern::Random => rng.fill_bytes(&mut buf[..n]),
                Pattern::Zero => buf[..n].fill(0),
                Pattern::Byte(b) => buf[..n].fill(b),
            }
            f.write_all(&buf[..n])?;
            left -= n as u64;
            stats.bytes_written += n as u64;
        }
        f.sync_data()?;
    }
    f.set_len(0)?;
    f.sync_all()
}

/// Rename the file to random names of decreasing length, syncing the directory each time.
pub(crate) fn scramble_name(path: &Path, times: u32) -> io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut cur = path.to_path_buf();
    let mut len = cur.file_name().map(|n| n.len()).unwrap_or(8).max(times as usize);
    for _ in 0..times {
        let name: String = rand::thread_rng().sample_iter(&Alphanumeric).take(len.max(1)).map(char::from).collect();
        let next = dir.join(name);
        if next.exists() {
            continue;
        }
        fs::rename(&cur, &next)?;
        cur = next;
        len = len.saturating_sub(1);
        #[cfg(unix)]
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(cur)
}
