//! Dynamically loaded NVML (`libnvidia-ml.so.1` / `nvml.dll`).

use std::ffi::{c_char, c_int, c_uint, CStr};

use libloading::{Library, Symbol};
use once_cell::sync::OnceCell;

use crate::Gpu;

type NvmlDevice = *mut std::ffi::c_void;

#[repr(C)]
#[derive(Default)]
struct Memory {
    total: u64,
    free: u64,
    used: u64,
}

#[repr(C)]
#[derive(Default)]
struct Utilization {
    gpu: c_uint,
    memory: c_uint,
}

pub struct Nvml {
    lib: Library,
}

// SAFETY: NVML is documented as thread-safe after nvmlInit.
unsafe impl Send for Nvml {}
unsafe impl Sync for Nvml {}

static NVML: OnceCell<Option<Nvml>> = OnceCell::new();

#[cfg(unix)]
const CANDIDATES: &[&str] = &["libnvidia-ml.so.1", "libnvidia-ml.so"];
#[cfg(windows)]
const CANDIDATES: &[&str] = &["nvml.dll"];

impl Nvml {
    pub fn get() -> Option<&'static Nvml> {
        NVML.get_or_init(|| {
            for name in CANDIDATES {
                // SAFETY: loading the vendor library; its initialisers are trusted.
                if let Ok(lib) = unsafe { Library::new(name) } {
                    let me = Nvml { lib };
                    if me.init() {
                        return Some(me);
                    }
                }
            }
            None
        })
        .as_ref()
    }

    fn init(&self) -> bool {
        unsafe {
            let f: Result<Symbol<unsafe extern "C" fn() -> c_int>, _> = self.lib.get(b"nvmlInit_v2\0");
            matches!(f, Ok(f) if f() == 0)
        }
    }

    pub fn fill(&self, gpus: &mut [Gpu]) {
        unsafe {
            let by_bus: Symbol<unsafe extern "C" fn(*const c_char, *mut NvmlDevice) -> c_int> =
                match self.lib.get(b"nvmlDeviceGetHandleByPciBusId_v2\0") {
                    Ok(f) => f,
                    Err(_) => return,
                };
            let mem: Option<Symbol<unsafe extern "C" fn(NvmlDevice, *mut Memory) -> c_int>> =
                self.lib.get(b"nvmlDeviceGetMemoryInfo\0").ok();
            let util: Option<Symbol<unsafe extern "C" fn(NvmlDevice, *mut Utilization) -> c_int>> =
                self.lib.get(b"nvmlDeviceGetUtilizationRates\0").ok();
            let temp: Option<Symbol<unsafe extern "C" fn(NvmlDevice, c_int, *mut c_uint) -> c_int>> =
                self.lib.get(b"nvmlDeviceGetTemperature\0").ok();
            let name: Option<Symbol<unsafe extern "C" fn(NvmlDevice, *mut c_char, c_uint) -> c_int>> =
                self.lib.get(b"nvmlDeviceGetName\0").ok();

            for g in gpus.iter_mut() {
                let Ok(bus) = std::ffi::CString::new(g.bus_id.clone()) else { continue };
                let mut dev: NvmlDevice = std::ptr::null_mut();
                if by_bus(bus.as_ptr(), &mut dev) != 0 {
                    continue;
                }
                if let Some(f) = &mem {
                    let mut m = Memory::default();
                    if f(dev, &mut m) == 0 {
                        g.memory_total = m.total;
                        g.memory_used = Some(m.used);
                    }
                }
                if let Some(f) = &util {
                    let mut u = Utilization::default();
                    if f(dev, &mut u) == 0 {
                        g.utilization = Some(u.gpu);
                    }
                }
                if let Some(f) = &temp {
                    let mut t = 0;
                    if f(dev, 0, &mut t) == 0 {
                        g.temperature_c = Some(t);
                    }
                }
                if let (Some(f), true) = (&name, g.name.is_empty()) {
                    let mut buf = [0 as c_char; 96];
                    if f(dev, buf.as_mut_ptr(), buf.len() as c_uint) == 0 {
                        g.name = CStr::from_ptr(buf.as_ptr()).to_string_lossy().into_owned();
                    }
                }
            }
        }
    }
}
