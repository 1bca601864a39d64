fn main() {
    let servers: Vec<String> = std::env::args().skip(1).collect();
    let sampler = if servers.is_empty() {
        httpskew::Sampler::default()
    } else {
        httpskew::Sampler::with_servers(servers)
    };
    match sampler.estimate() {
        Ok(e) => println!("offset {:+} ms (spread {} ms, {} samples)", e.offset_ms, e.spread_ms, e.samples),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
