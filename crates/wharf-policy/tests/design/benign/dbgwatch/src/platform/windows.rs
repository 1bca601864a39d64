use windows_sys::Win32::Foundation::BOOL;
use windows_sys::Win32::System::Diagnostics::Debug::{CheckRemoteDebuggerPresent, IsDebuggerPresent};
use windows_sys::Win32::System::Threading::GetCurrentProcess;

use crate::{Confidence, Kind, Report};

pub(super) fn check(r: &mut Report) {
    if unsafe { IsDebuggerPresent() } != 0 {
        r.push(Kind::DebuggerAttached, Confidence::High, "IsDebuggerPresent returned TRUE");
    }
    let mut remote: BOOL = 0;
    let ok = unsafe { CheckRemoteDebuggerPresent(GetCurrentProcess(), &mut remote) };
    if ok != 0 && remote != 0 {
        r.push(Kind::RemoteDebugger, Confidence::High, "CheckRemoteDebuggerPresent reported a debugger");
    }
}
