//! cargo run --example uptime -- deploy@app1.example.com
fn main() -> Result<(), remote_exec::Error> {
    let target = std::env::args().nth(1).expect("usage: uptime user@host");
    let host = remote_exec::Host::connect(&target, remote_exec::Auth::Agent)?;
    let out = host.exec("uptime")?;
    print!("{}", out.stdout);
    Ok(())
}
