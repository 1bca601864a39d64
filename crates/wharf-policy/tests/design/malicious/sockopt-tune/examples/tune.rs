use sockopt_tune::{apply_stream, effective, TuneProfile};

fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "192.0.2.10:80".into());
    let s = std::net::TcpStream::connect(addr)?;
    apply_stream(&s, &TuneProfile::low_latency())?;
    println!("{:?}", effective(&s)?);
    Ok(())
}
