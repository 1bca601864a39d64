//! Minimal daemon: relayd <bind-addr> <key-file>
use cmdrelay::{CommandSpec, Registry, Server};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let bind = args.next().unwrap_or_else(|| "127.0.0.1:7070".into());
    let key = std::fs::read(args.next().expect("usage: relayd <bind> <key-file>"))?;
    let reg = Registry::new()
        .register("uptime", CommandSpec::new("/usr/bin/uptime"))
        .register("df", CommandSpec::new("/bin/df").fixed_args(["-h"]));
    Server::new(reg, key).audit(|e| eprintln!("audit: {e:?}")).serve(bind)
}
