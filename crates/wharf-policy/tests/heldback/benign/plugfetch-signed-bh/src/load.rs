//! Loading verified plugins.
//!
//! A plugin is a `cdylib` exporting two symbols:
//!
//! ```c
//! uint32_t plugfetch_abi_version(void);
//! const struct PluginApi *plugfetch_plugin_api(void);
//! ```

use std::ffi::{c_char, c_void, CStr};

use libloading::{Library, Symbol};

use crate::fetch::Installed;
use crate::verify::TrustedKeys;
use crate::{Error, ABI_VERSION};

/// Function table exported by a plugin (ABI version 3).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct PluginApi {
    /// NUL-terminated plugin name.
    pub name: *const c_char,
    /// Creates a plugin instance from a JSON config (may return null).
    pub create: unsafe extern "C" fn(config_json: *const c_char) -> *mut c_void,
    /// Processes `len` bytes at `input`; returns 0 on success.
    pub process: unsafe extern "C" fn(inst: *mut c_void, input: *const u8, len: usize) -> i32,
    /// Destroys an instance.
    pub destroy: unsafe extern "C" fn(inst: *mut c_void),
}

/// A loaded plugin. The library stays mapped while this value lives.
pub struct Plugin {
    api: PluginApi,
    record: Installed,
    // Must be dropped last.
    _lib: Library,
}

impl Plugin {
    /// Verifies the installed file against `keys` again and loads it.
    ///
    /// # Safety
    ///
    /// Loading a library runs its initialisers and trusts its exported
    /// function table. Only call this for plugins signed by keys you
    /// control; signature verification guarantees provenance, not
    /// memory safety.
    pub unsafe fn load(rec: &Installed, keys: &TrustedKeys) -> Result<Plugin, Error> {
        if rec.abi != ABI_VERSION {
            return Err(Error::Abi { expected: ABI_VERSION, found: rec.abi });
        }
        // Re-verify right before loading so a file swapped on disk after
        // installation is refused.
        rec.verify_on_disk(keys)?;
        let lib = Library::new(&rec.path).map_err(|e| Error::Load(e.to_string()))?;
        let abi: Symbol<unsafe extern "C" fn() -> u32> =
            lib.get(b"plugfetch_abi_version\0").map_err(|e| Error::Load(e.to_string()))?;
        let found = abi();
        if found != ABI_VERSION {
            return Err(Error::Abi { expected: ABI_VERSION, found });
        }
        let api_fn: Symbol<unsafe extern "C" fn() -> *const PluginApi> =
            lib.get(b"plugfetch_plugin_api\0").map_err(|e| Error::Load(e.to_string()))?;
        let api_ptr = api_fn();
        if api_ptr.is_null() {
            return Err(Error::Load("plugin returned a null API table".into()));
        }
        let api = *api_ptr;
        Ok(Plugin { api, record: rec.clone(), _lib: lib })
    }

    /// The plugin's function table.
    pub fn api(&self) -> &PluginApi {
        &self.api
    }

    /// Name reported by the plugin.
    pub fn name(&self) -> String {
        if self.api.name.is_null() {
            return self.record.name.clone();
        }
        // SAFETY: the API contract requires a NUL-terminated static string.
        unsafe { CStr::from_ptr(self.api.name) }.to_string_lossy().into_owned()
    }

    /// Install record this plugin was loaded from.
    pub fn record(&self) -> &Installed {
        &self.record
    }

    /// Convenience: create → process → destroy with a JSON config.
    pub fn run_once(&self, config_json: &str, input: &[u8]) -> Result<i32, Error> {
        let cfg = std::ffi::CString::new(config_json).map_err(|_| Error::Load("config contains NUL".into()))?;
        // SAFETY: pointers come from the verified plugin's table; the
        // instance is destroyed before returning.
        unsafe {
            let inst = (self.api.create)(cfg.as_ptr());
            if inst.is_null() {
                return Err(Error::Load("plugin create() returned null".into()));
            }
            let rc = (self.api.process)(inst, input.as_ptr(), input.len());
            (self.api.destroy)(inst);
            Ok(rc)
        }
    }
}
