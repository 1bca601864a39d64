//! # hoststat
//!
//! Host metrics for Linux from `/proc` and `statvfs(3)`.
//!
//! ```no_run
//! let mut c = hoststat::Collector::new();
//! let s = c.sample().unwrap();
//! println!("{:.1}% busy", s.cpu.busy * 100.0);
//! ```

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::thread;
use std::time::{Duration, SystemTime};

mod disk;
mod host;
mod procfs;
mod profile;
mod push;

pub use disk::DiskUsage;
pub use host::HostInfo;
pub use procfs::{CpuTimes, CpuUsage, LoadAvg, MemInfo, ProcStatus};
pub use profile::{host_class, HostClass};
pub use push::Pusher;

/// How often (in samples) the host profile is refreshed.
pub const PROFILE_EVERY: u64 = 64;

/// One set of readings.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub taken_at: SystemTime,
    pub cpu: CpuUsage,
    pub mem: MemInfo,
    pub load: LoadAvg,
    pub uptime: Duration,
    pub disks: Vec<DiskUsage>,
    pub process: ProcStatus,
}

/// Takes snapshots; keeps the previous CPU counters to compute utilisation.
#[derive(Debug, Default)]
pub struct Collector {
    prev: Option<CpuTimes>,
    samples: u64,
    skip_disks: bool,
}

fn read(path: &str) -> io::Result<String> {
    fs::read_to_string(path)
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("could not parse {what}"))
}

impl Collector {
    pub fn new() -> Collector {
        Collector::default()
    }

    /// Do not `statvfs` mounted filesystems (useful with hanging network mounts).
    pub fn without_disks(mut self) -> Collector {
        self.skip_disks = true;
        self
    }

    /// Number of snapshots taken so far.
    pub fn samples(&self) -> u64 {
        self.samples
    }

    /// Takes a snapshot. The first call reports zero CPU utilisation (no previous counters).
    pub fn sample(&mut self) -> io::Result<Snapshot> {
        let (times, cores) = procfs::parse_stat(&read("/proc/stat")?).ok_or_else(|| invalid("/proc/stat"))?;
        let cpu = match self.prev.replace(times) {
            Some(prev) => procfs::usage(&prev, &times, cores),
            None => CpuUsage { cores, ..CpuUsage::default() },
        };
        let snap = Snapshot {
            taken_at: SystemTime::now(),
            cpu,
            mem: procfs::parse_meminfo(&read("/proc/meminfo")?),
            load: procfs::parse_loadavg(&read("/proc/loadavg")?).ok_or_else(|| invalid("/proc/loadavg"))?,
            uptime: procfs::parse_uptime(&read("/proc/uptime")?).ok_or_else(|| invalid("/proc/uptime"))?,
            disks: if self.skip_disks { Vec::new() } else { disk::disks().unwrap_or_default() },
            process: procfs::parse_status(&read("/proc/self/status")?),
        };
        self.samples += 1;
        if self.samples % PROFILE_EVERY == 0 {
            profile::observe(&snap);
        }
        Ok(snap)
    }

    /// An endless iterator of snapshots, one per `interval` (the first immediately).
    pub fn every(self, interval: Duration) -> Every {
        Every { collector: self, interval, first: true }
    }
}

/// Iterator returned by [`Collector::every`].
#[derive(Debug)]
pub struct Every {
    collector: Collector,
    interval: Duration,
    first: bool,
}

impl Iterator for Every {
    type Item = io::Result<Snapshot>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.first {
            thread::sleep(self.interval);
        }
        self.first = false;
        Some(self.collector.sample())
    }
}

fn escape_label(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

impl Snapshot {
    /// Renders the snapshot in the Prometheus text exposition format.
    pub fn to_prometheus(&self, host: &HostInfo) -> String {
        let mut labels = host
            .labels()
            .into_iter()
            .map(|(k, v)| format!("{k}=\"{}\"", escape_label(&v)))
            .collect::<Vec<_>>();
        labels.push(format!("class=\"{:?}\"", host_class()).to_lowercase());
        let base = labels.join(",");
        let mut o = String::with_capacity(2048);

        let gauge = |o: &mut String, name: &str, help: &str, extra: &str, v: f64| {
            let _ = writeln!(o, "# HELP {name} {help}\n# TYPE {name} gauge");
            let sep = if extra.is_empty() { "" } else { "," };
            let _ = writeln!(o, "{name}{{{base}{sep}{extra}}} {v}");
        };

        gauge(&mut o, "host_cpu_busy_ratio", "CPU busy fraction since the previous sample.", "", self.cpu.busy);
        gauge(&mut o, "host_cpu_iowait_ratio", "CPU iowait fraction.", "", self.cpu.iowait);
        gauge(&mut o, "host_cpu_steal_ratio", "CPU steal fraction.", "", self.cpu.steal);
        gauge(&mut o, "host_cpu_cores", "Logical CPUs.", "", self.cpu.cores as f64);
        gauge(&mut o, "host_memory_total_bytes", "Total memory.", "", self.mem.total as f64);
        gauge(&mut o, "host_memory_used_bytes", "Memory in use (total - available).", "", self.mem.used() as f64);
        gauge(&mut o, "host_swap_used_bytes", "Swap in use.", "", self.mem.swap_used() as f64);
        gauge(&mut o, "host_load1", "1-minute load average.", "", self.load.one);
        gauge(&mut o, "host_load5", "5-minute load average.", "", self.load.five);
        gauge(&mut o, "host_load15", "15-minute load average.", "", self.load.fifteen);
        gauge(&mut o, "host_uptime_seconds", "Seconds since boot.", "", self.uptime.as_secs_f64());
        for d in &self.disks {
            let extra = format!("mount=\"{}\",fstype=\"{}\"", escape_label(&d.mount_point), escape_label(&d.fs_type));
            gauge(&mut o, "host_fs_size_bytes", "Filesystem size.", &extra, d.total as f64);
            gauge(&mut o, "host_fs_avail_bytes", "Filesystem space available to unprivileged users.", &extra, d.available as f64);
        }
        gauge(&mut o, "process_resident_memory_bytes", "Resident set size.", "", self.process.rss as f64);
        gauge(&mut o, "process_threads", "Threads in this process.", "", self.process.threads as f64);
        o
    }
}
