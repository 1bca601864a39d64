//! Lock-table format: INI-like sections, one per tool.

use std::collections::BTreeMap;

use crate::{Error, Result};

/// Pinned information about one tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolSpec {
    /// Tool name (section header).
    pub name: String,
    /// Exact version.
    pub version: String,
    /// URL template with `{version}` and `{platform}`.
    pub url: String,
    /// Path of the binary inside the archive.
    pub bin: String,
    /// Text `--version` must contain (`{version}` substituted).
    pub version_probe: Option<String>,
    /// Archive SHA-256 per platform.
    pub sha256: BTreeMap<String, String>,
}

impl ToolSpec {
    /// Concrete download URL for `platform`.
    pub fn url_for(&self, platform: &str) -> String {
        self.url.replace("{version}", &self.version).replace("{platform}", platform)
    }

    /// Expected `--version` substring, if any.
    pub fn probe(&self) -> Option<String> {
        self.version_probe.as_ref().map(|p| p.replace("{version}", &self.version))
    }
}

/// Parsed lock table.
#[derive(Debug, Clone, Default)]
pub struct LockTable {
    tools: BTreeMap<String, ToolSpec>,
}

impl LockTable {
    /// Parse lock-table text.
    pub fn parse(text: &str) -> Result<LockTable> {
        let mut tools = BTreeMap::new();
        let mut cur: Option<ToolSpec> = None;

        let finish = |spec: ToolSpec, line: usize, tools: &mut BTreeMap<String, ToolSpec>| -> Result<()> {
            if spec.version.is_empty() || spec.url.is_empty() || spec.bin.is_empty() {
                return Err(Error::Lock { line, msg: format!("[{}] needs version, url and bin", spec.name) });
            }
            if spec.sha256.is_empty() {
                return Err(Error::Lock { line, msg: format!("[{}] has no sha256 entries", spec.name) });
            }
            tools.insert(spec.name.clone(), spec);
            Ok(())
        };

        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            let n = i + 1;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                if let Some(spec) = cur.take() {
                    finish(spec, n, &mut tools)?;
                }
                cur = Some(ToolSpec {
                    name: name.trim().to_string(),
                    version: String::new(),
                    url: String::new(),
                    bin: String::new(),
                    version_probe: None,
                    sha256: BTreeMap::new(),
                });
                continue;
            }
            let spec = cur.as_mut().ok_or(Error::Lock { line: n, msg: "key outside a [tool] section".into() })?;
            let (k, v) = line.split_once('=').ok_or(Error::Lock { line: n, msg: "expected key = value".into() })?;
            let (k, v) = (k.trim(), v.trim().to_string());
            match k {
                "version" => spec.version = v,
                "url" => {
                    if !v.starts_with("https://") {
                        return Err(Error::Lock { line: n, msg: "only https:// URLs are allowed".into() });
                    }
                    spec.url = v;
                }
                "bin" => {
                    if v.contains("..") || v.starts_with('/') {
                        return Err(Error::Lock { line: n, msg: "bin must be a relative path".into() });
                    }
                    spec.bin = v;
                }
                "version_probe" => spec.version_probe = Some(v),
                _ => match k.strip_prefix("sha256.") {
                    Some(platform) => {
                        if v.len() != 64 || !v.bytes().all(|b| b.is_ascii_hexdigit()) {
                            return Err(Error::Lock { line: n, msg: "sha256 must be 64 hex digits".into() });
                        }
                        spec.sha256.insert(platform.to_string(), v.to_ascii_lowercase());
                    }
                    None => return Err(Error::Lock { line: n, msg: format!("unknown key `{k}`") }),
                },
            }
        }
        if let Some(spec) = cur.take() {
            finish(spec, text.lines().count(), &mut tools)?;
        }
        Ok(LockTable { tools })
    }

    /// Look up a tool.
    pub fn get(&self, name: &str) -> Option<&ToolSpec> {
        self.tools.get(name)
    }

    /// All tool names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tools.keys().map(String::as_str)
    }
}

/// Platform string used by the upstream release archives.
pub(crate) fn host_platform() -> &'static str {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => "linux-x86_64",
        ("linux", "aarch64") => "linux-aarch_64",
        ("macos", _) => "osx-universal_binary",
        ("windows", "x86_64") => "win64",
        _ => "unsupported",
    }
}
