use clap::Parser;
use noncebench::{run, Algo, Config};

/// Offline nonce-hashing CPU benchmark.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    #[arg(long, default_value = "sha256d")]
    algo: Algo,
    #[arg(long)]
    threads: Option<usize>,
    #[arg(long, default_value_t = 5.0)]
    seconds: f64,
    #[arg(long, default_value_t = 16)]
    bits: u32,
}

fn main() {
    let a = Args::parse();
    let mut cfg = Config { algo: a.algo, seconds: a.seconds, difficulty_bits: a.bits, ..Default::default() };
    if let Some(t) = a.threads {
        cfg.threads = t;
    }
    let r = run(&cfg);
    println!(
        "{:?}  threads={}  hashes={}  rate={:.2} MH/s  hits(<2^-{})={}",
        r.algo,
        r.threads,
        r.hashes,
        r.rate() / 1e6,
        cfg.difficulty_bits,
        r.hits
    );
}
