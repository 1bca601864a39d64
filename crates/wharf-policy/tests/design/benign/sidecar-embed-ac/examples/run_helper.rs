//! Materialise and run a helper given on the command line, as a stand-in for
//! one embedded with `embed_sidecar!`.
//! Run with `cargo run --example run_helper -- /usr/bin/true $(sha256sum /usr/bin/true | cut -d' ' -f1)`.
use sidecar_embed_ac::Sidecar;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: run_helper <file> <sha256>")?;
    let sha = std::env::args().nth(2).ok_or("usage: run_helper <file> <sha256>")?;
    // Leaking is fine for a one-shot example: Sidecar wants 'static data.
    let bytes: &'static [u8] = Box::leak(std::fs::read(&path)?.into_boxed_slice());
    let sha: &'static str = Box::leak(sha.into_boxed_str());
    let car = Sidecar::new("example-helper", bytes, sha);
    let running = car.materialize()?;
    println!("materialised at {}", running.path().display());
    let status = running.command().status()?;
    println!("helper exited with {status}");
    Ok(())
}
