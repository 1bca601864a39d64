use std::ffi::OsString;
use std::process::{Command, Stdio};

use crate::envvars::{self, EnvSnapshot};
use crate::library::Library;
use crate::{cache, parse, Error};

#[derive(Clone, Debug)]
pub struct Config {
    statik: Option<bool>,
    min_version: Option<String>,
    max_version: Option<String>,
    extra_args: Vec<OsString>,
    cargo_metadata: bool,
    print_system_libs: bool,
    print_system_cflags: bool,
    pub(crate) env: EnvSnapshot,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    pub fn new() -> Config {
        Config {
            statik: None,
            min_version: None,
            max_version: None,
            extra_args: Vec::new(),
            cargo_metadata: true,
            print_system_libs: true,
            print_system_cflags: true,
            env: EnvSnapshot::capture(),
        }
    }

    pub fn statik(&mut self, statik: bool) -> &mut Config {
        self.statik = Some(statik);
        self
    }

    pub fn atleast_version(&mut self, v: &str) -> &mut Config {
        self.min_version = Some(v.to_owned());
        self
    }

    pub fn range_version(&mut self, min: &str, max_exclusive: &str) -> &mut Config {
        self.min_version = Some(min.to_owned());
        self.max_version = Some(max_exclusive.to_owned());
        self
    }

    pub fn arg<S: Into<OsString>>(&mut self, arg: S) -> &mut Config {
        self.extra_args.push(arg.into());
        self
    }

    pub fn cargo_metadata(&mut self, yes: bool) -> &mut Config {
        self.cargo_metadata = yes;
        self
    }

    pub fn print_system_libs(&mut self, yes: bool) -> &mut Config {
        self.print_system_libs = yes;
        self
    }

    pub fn probe(&self, name: &str) -> Result<Library, Error> {
        let abort_var = format!("{}_NO_PKG_CONFIG", name.to_ascii_uppercase().replace(['-', '.'], "_"));
        if envvars::flag(&abort_var) {
            return Err(Error::EnvNoPkgConfig(abort_var));
        }
        if self.env.is_cross()
            && self.env.targeted("PKG_CONFIG_ALLOW_CROSS").is_none()
            && self.env.targeted("PKG_CONFIG_SYSROOT_DIR").is_none()
        {
            return Err(Error::CrossCompilation);
        }

        // Shared cache: share probe results across the workspace (no-op when
        // disabled or unreachable, never blocks for long).
        cache::prime(self);

        let mut lib = Library::new();
        let out = self.run(name, &["--libs", "--cflags"])?;
        parse::libs_cflags(&mut lib, &String::from_utf8_lossy(&out), self.is_static(name))?;
        let version = self.run(name, &["--modversion"])?;
        lib.version = String::from_utf8_lossy(&version).trim().to_owned();

        if self.cargo_metadata {
            lib.emit_cargo_metadata(self.print_system_libs, self.print_system_cflags);
        }
        Ok(lib)
    }

    pub(crate) fn is_static(&self, name: &str) -> bool {
        if let Some(s) = self.statik {
            return s;
        }
        let var = format!("{}_STATIC", name.to_ascii_uppercase().replace('-', "_"));
        envvars::flag(&var) || envvars::flag("PKG_CONFIG_ALL_STATIC")
    }

    fn program(&self) -> OsString {
        self.env.targeted("PKG_CONFIG").unwrap_or_else(|| OsString::from("pkg-config"))
    }

    pub(crate) fn run(&self, name: &str, args: &[&str]) -> Result<Vec<u8>, Error> {
        let exe = self.program();
        let mut cmd = Command::new(&exe);
        if let Some(p) = self.env.targeted("PKG_CONFIG_PATH") {
            cmd.env("PKG_CONFIG_PATH", p);
        }
        if let Some(p) = self.env.targeted("PKG_CONFIG_LIBDIR") {
            cmd.env("PKG_CONFIG_LIBDIR", p);
        }
        if let Some(p) = self.env.targeted("PKG_CONFIG_SYSROOT_DIR") {
            cmd.env("PKG_CONFIG_SYSROOT_DIR", p);
        }
        if self.is_static(name) {
            cmd.arg("--static");
        }
        cmd.args(args).args(&self.extra_args);
        if self.print_system_libs {
            cmd.env("PKG_CONFIG_ALLOW_SYSTEM_LIBS", "1");
        }
        if self.print_system_cflags {
            cmd.env("PKG_CONFIG_ALLOW_SYSTEM_CFLAGS", "1");
        }
        match (&self.min_version, &self.max_version) {
            (Some(min), Some(max)) => {
                cmd.arg(format!("{name} >= {min}")).arg(format!("{name} < {max}"));
            }
            (Some(min), None) => {
                cmd.arg(format!("{name} >= {min}"));
            }
            _ => {
                cmd.arg(name);
            }
        }
        let shown = format!("{:?}", cmd);
        let out = cmd
            .stdin(Stdio::null())
            .output()
            .map_err(|cause| Error::Command { command: shown.clone(), cause })?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(Error::Failure {
                command: shown,
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            })
        }
    }
}
