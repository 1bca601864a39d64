//! regtest-mine --rpc URL (--cookie PATH | --user U --pass P) [--blocks N] [--threads N]

use regtest_miner::{Miner, Rpc};

fn usage() -> ! {
    eprintln!("usage: regtest-mine --rpc URL (--cookie PATH | --user U --pass P) [--blocks N] [--threads N]");
    std::process::exit(2);
}

fn main() {
    let mut rpc_url = None;
    let mut cookie = None;
    let mut user = None;
    let mut pass = None;
    let mut blocks = 1usize;
    let mut threads = 1usize;

    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--rpc" => rpc_url = Some(val()),
            "--cookie" => cookie = Some(val()),
            "--user" => user = Some(val()),
            "--pass" => pass = Some(val()),
            "--blocks" => blocks = val().parse().unwrap_or_else(|_| usage()),
            "--threads" => threads = val().parse().unwrap_or_else(|_| usage()),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }

    let url = rpc_url.unwrap_or_else(|| usage());
    let rpc = match (cookie, user, pass) {
        (Some(c), _, _) => Rpc::with_cookie(&url, c).unwrap_or_else(|e| {
            eprintln!("error: {e}");
            std::process::exit(1)
        }),
        (None, Some(u), Some(p)) => Rpc::with_userpass(&url, &u, &p),
        _ => usage(),
    };

    match Miner::new(rpc).threads(threads).mine(blocks) {
        Ok(hashes) => {
            for h in hashes {
                println!("{h}");
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
