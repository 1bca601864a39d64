use std::net::IpAddr;

fn usage() -> ! {
    eprintln!("usage: wasm-livereload [DIR] [--port N] [--host ADDR] [--on-change CMD]");
    std::process::exit(2)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut cfg = wasm_livereload::Config::new(".");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--port" | "-p" => cfg = cfg.port(args.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| usage())),
            "--host" => cfg = cfg.host(args.next().and_then(|v| v.parse::<IpAddr>().ok()).unwrap_or_else(|| usage())),
            "--on-change" => cfg = cfg.on_change(args.next().unwrap_or_else(|| usage())),
            "-h" | "--help" => usage(),
            dir if !dir.starts_with('-') => cfg.root = dir.into(),
            _ => usage(),
        }
    }
    cfg.serve().await
}
