use crate::{Confidence, Kind, Report};

pub(super) fn check(r: &mut Report) {
    // Apple QA1361: sysctl KERN_PROC_PID and test P_TRACED.
    let mut info: libc::kinfo_proc = unsafe { std::mem::zeroed() };
    let mut size = std::mem::size_of::<libc::kinfo_proc>();
    let mut mib = [libc::CTL_KERN, libc::KERN_PROC, libc::KERN_PROC_PID, unsafe { libc::getpid() }];
    let rc = unsafe {
        libc::sysctl(mib.as_mut_ptr(), mib.len() as u32, &mut info as *mut _ as *mut _, &mut size, std::ptr::null_mut(), 0)
    };
    if rc == 0 && (info.kp_proc.p_flag & libc::P_TRACED) != 0 {
        r.push(Kind::DebuggerAttached, Confidence::High, "P_TRACED set on this process");
    }
}
