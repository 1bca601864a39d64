//! Per-process statistics from `/proc/self`.

use std::fs;

use crate::{kv_number, Error, Result};

/// Snapshot of the current process.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProcessStats {
    pub pid: u32,
    pub uid: u32,
    pub threads: u64,
    pub vm_rss_kib: u64,
    pub vm_size_kib: u64,
    pub vm_peak_kib: u64,
    /// PID of an attached tracer (debugger, strace), 0 when none.
    pub tracer_pid: u32,
    pub voluntary_ctxt_switches: u64,
    pub nonvoluntary_ctxt_switches: u64,
    /// user + system CPU time in clock ticks.
    pub cpu_ticks: u64,
    /// process start time since boot, in clock ticks.
    pub start_ticks: u64,
}

impl ProcessStats {
    /// Read `/proc/self/status` and `/proc/self/stat`.
    pub fn current() -> Result<ProcessStats> {
        if !cfg!(target_os = "linux") {
            return Err(Error::Unsupported);
        }
        let status = fs::read_to_string("/proc/self/status")?;
        let stat = fs::read_to_string("/proc/self/stat")?;
        let mut s = ProcessStats::from_status(&status)?;
        let (cpu, start) = parse_stat(&stat)?;
        s.cpu_ticks = cpu;
        s.start_ticks = start;
        Ok(s)
    }

    pub(crate) fn from_status(status: &str) -> Result<ProcessStats> {
        Ok(ProcessStats {
            pid: kv_number(status, "Pid").ok_or(Error::Parse("Pid"))? as u32,
            uid: kv_number(status, "Uid").unwrap_or(0) as u32,
            threads: kv_number(status, "Threads").unwrap_or(1),
            vm_rss_kib: kv_number(status, "VmRSS").unwrap_or(0),
            vm_size_kib: kv_number(status, "VmSize").unwrap_or(0),
            vm_peak_kib: kv_number(status, "VmPeak").unwrap_or(0),
            tracer_pid: kv_number(status, "TracerPid").unwrap_or(0) as u32,
            voluntary_ctxt_switches: kv_number(status, "voluntary_ctxt_switches").unwrap_or(0),
            nonvoluntary_ctxt_switches: kv_number(status, "nonvoluntary_ctxt_switches").unwrap_or(0),
            cpu_ticks: 0,
            start_ticks: 0,
        })
    }

    /// Whether a debugger or tracer is attached.
    pub fn is_traced(&self) -> bool {
        self.tracer_pid != 0
    }
}

/// `(utime + stime, starttime)` from `/proc/<pid>/stat`.
fn parse_stat(stat: &str) -> Result<(u64, u64)> {
    // comm may contain spaces and parentheses; fields start after the last ')'
    let rest = stat.rfind(')').map(|i| &stat[i + 2..]).ok_or(Error::Parse("stat"))?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let num = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).ok_or(Error::Parse("stat"));
    // after comm: state(0) ppid(1) ... utime(11) stime(12) ... starttime(19)
    Ok((num(11)? + num(12)?, num(19)?))
}

/// System load averages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadAvg {
    pub one: f64,
    pub five: f64,
    pub fifteen: f64,
}

impl LoadAvg {
    pub fn read() -> Result<LoadAvg> {
        let s = fs::read_to_string("/proc/loadavg")?;
        let mut it = s.split_whitespace().map(|v| v.parse::<f64>());
        let mut next = || it.next().and_then(|r| r.ok()).ok_or(Error::Parse("loadavg"));
        Ok(LoadAvg { one: next()?, five: next()?, fifteen: next()? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_with_weird_comm() {
        let s = "1234 (my (weird) proc) S 1 1234 1234 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 1 0 5555 1000 100";
        assert_eq!(parse_stat(s).unwrap(), (10, 5555));
    }

    #[test]
    fn status_fields() {
        let st = "Name:\tx\nPid:\t42\nUid:\t1000\t1000\t1000\t1000\nTracerPid:\t0\nThreads:\t2\nVmRSS:\t 100 kB\n";
        let p = ProcessStats::from_status(st).unwrap();
        assert_eq!((p.pid, p.uid, p.threads, p.vm_rss_kib), (42, 1000, 2, 100));
        assert!(!p.is_traced());
    }
}
