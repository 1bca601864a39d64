//! Opinionated wrapper around `tonic-build`.

use std::io;
use std::path::{Path, PathBuf};

pub struct Builder {
    out_dir: Option<PathBuf>,
    serde: bool,
    reflection: bool,
    extern_paths: Vec<(String, String)>,
}

pub fn configure() -> Builder {
    Builder { out_dir: None, serde: true, reflection: true, extern_paths: Vec::new() }
}

impl Builder {
    pub fn out_dir(mut self, p: impl AsRef<Path>) -> Self {
        self.out_dir = Some(p.as_ref().to_path_buf());
        self
    }
    pub fn serde(mut self, on: bool) -> Self {
        self.serde = on;
        self
    }
    pub fn reflection(mut self, on: bool) -> Self {
        self.reflection = on;
        self
    }
    pub fn extern_path(mut self, proto: &str, rust: &str) -> Self {
        self.extern_paths.push((proto.into(), rust.into()));
        self
    }

    pub fn compile(self, protos: &[impl AsRef<Path>], includes: &[impl AsRef<Path>]) -> io::Result<()> {
        let mut b = tonic_build::configure();
        if let Some(d) = &self.out_dir {
            std::fs::create_dir_all(d)?;
            b = b.out_dir(d);
        }
        if self.serde {
            b = b.type_attribute(".", "#[derive(serde::Serialize, serde::Deserialize)]");
        }
        b = b.enum_attribute(".", "#[non_exhaustive]");
        if self.reflection {
            let out = self
                .out_dir
                .clone()
                .unwrap_or_else(|| PathBuf::from(std::env::var("OUT_DIR").unwrap()));
            b = b.file_descriptor_set_path(out.join("descriptor.bin"));
        }
        for (p, r) in &self.extern_paths {
            b = b.extern_path(p, r);
        }
        for p in protos {
            println!("cargo:rerun-if-changed={}", p.as_ref().display());
        }
        b.compile(protos, includes)
    }
}
