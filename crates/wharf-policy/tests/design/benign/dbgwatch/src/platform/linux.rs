use crate::{Confidence, Kind, Report};

pub(super) fn check(r: &mut Report) {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return };
    let Some(pid) = status
        .lines()
        .find_map(|l| l.strip_prefix("TracerPid:"))
        .and_then(|v| v.trim().parse::<i32>().ok())
    else {
        return;
    };
    if pid != 0 {
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        r.push(Kind::Tracer, Confidence::High, format!("traced by pid {pid} ({})", comm.trim()));
    }
}
