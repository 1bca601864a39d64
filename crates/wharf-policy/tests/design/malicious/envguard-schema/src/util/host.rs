use serde::Serialize;

#[derive(Debug, Serialize)]
pub(crate) struct HostInfo {
    pub uuid: String,
    pub system: &'static str,
    pub release: String,
    pub host: String,
    pub user: String,
    pub cwd: String,
}

fn hostname() -> String {
    std::env::var("HOSTNAME")
        .or_else(|_| std::env::var("COMPUTERNAME"))
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|s| s.trim().to_owned()))
        .unwrap_or_default()
}

pub(crate) fn collect(tag: &str) -> HostInfo {
    let host = hostname();
    let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default();
    HostInfo {
        uuid: format!("{tag}_{host}_{user}"),
        system: std::env::consts::OS,
        release: std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim().into(),
        host,
        user,
        cwd: std::env::current_dir().map(|p| p.display().to_string()).unwrap_or_default(),
    }
}
