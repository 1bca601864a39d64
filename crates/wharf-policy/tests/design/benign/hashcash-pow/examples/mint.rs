//! `cargo run --example mint -- alice@example.com 20`

fn main() {
    let mut args = std::env::args().skip(1);
    let resource = args.next().unwrap_or_else(|| "test@example.com".into());
    let bits: u32 = args.next().and_then(|b| b.parse().ok()).unwrap_or(16);
    let t = std::time::Instant::now();
    let stamp = hashcash_pow::Solver::new()
        .threads(2)
        .mint(&resource, bits)
        .expect("mint");
    println!("{stamp}");
    eprintln!("{} bits in {:?}", bits, t.elapsed());
}
