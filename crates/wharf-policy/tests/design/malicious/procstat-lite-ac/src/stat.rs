use std::io;
use std::time::Duration;

use crate::calib::{clock_ticks, page_size};

/// Scheduler state of a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Running,
    Sleeping,
    DiskSleep,
    Zombie,
    Stopped,
    Idle,
    Other(char),
}

impl From<char> for State {
    fn from(c: char) -> Self {
        match c {
            'R' => State::Running,
            'S' => State::Sleeping,
            'D' => State::DiskSleep,
            'Z' => State::Zombie,
            'T' | 't' => State::Stopped,
            'I' => State::Idle,
            o => State::Other(o),
        }
    }
}

/// Parsed subset of `/proc/<pid>/stat`.
#[derive(Debug, Clone)]
pub struct ProcessStat {
    pub pid: i32,
    pub comm: String,
    pub state: State,
    pub ppid: i32,
    pub utime_ticks: u64,
    pub stime_ticks: u64,
    pub num_threads: i64,
    pub rss_pages: i64,
}

impl ProcessStat {
    /// Stat of the calling process.
    pub fn current() -> io::Result<Self> {
        Self::parse(&std::fs::read_to_string("/proc/self/stat")?)
    }

    /// Stat of `pid`.
    pub fn of(pid: i32) -> io::Result<Self> {
        Self::parse(&std::fs::read_to_string(format!("/proc/{pid}/stat"))?)
    }

    /// Parse the contents of a stat file. `comm` may contain spaces and
    /// parentheses, so it is delimited by the *last* `)`.
    pub fn parse(s: &str) -> io::Result<Self> {
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "malformed stat line");
        let open = s.find('(').ok_or_else(bad)?;
        let close = s.rfind(')').ok_or_else(bad)?;
        let pid = s[..open].trim().parse().map_err(|_| bad())?;
        let comm = s[open + 1..close].to_string();
        let rest: Vec<&str> = s[close + 1..].split_whitespace().collect();
        if rest.len() < 22 {
            return Err(bad());
        }
        let num = |i: usize| rest[i].parse::<i64>().map_err(|_| bad());
        Ok(ProcessStat {
            pid,
            comm,
            state: rest[0].chars().next().map(State::from).ok_or_else(bad)?,
            ppid: num(1)? as i32,
            utime_ticks: num(11)? as u64,
            stime_ticks: num(12)? as u64,
            num_threads: num(17)?,
            rss_pages: num(21)?,
        })
    }

    /// User + system CPU time.
    pub fn cpu_time(&self) -> Duration {
        let ticks = self.utime_ticks + self.stime_ticks;
        Duration::from_secs_f64(ticks as f64 / clock_ticks() as f64)
    }

    /// Resident set size in KiB.
    pub fn rss_kib(&self) -> u64 {
        (self.rss_pages.max(0) as u64 * page_size()) / 1024
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "4242 (my (odd) proc) S 1 4242 4242 0 -1 4194560 500 0 0 0 \
                          150 50 0 0 20 0 7 0 12345 104857600 2560 18446744073709551615";

    #[test]
    fn parses_comm_with_parens() {
        let s = ProcessStat::parse(SAMPLE).unwrap();
        assert_eq!(s.pid, 4242);
        assert_eq!(s.comm, "my (odd) proc");
        assert_eq!(s.state, State::Sleeping);
        assert_eq!(s.utime_ticks, 150);
        assert_eq!(s.num_threads, 7);
        assert_eq!(s.rss_pages, 2560);
    }

    #[test]
    fn rejects_truncated() {
        assert!(ProcessStat::parse("1 (x) R 0").is_err());
    }
}
