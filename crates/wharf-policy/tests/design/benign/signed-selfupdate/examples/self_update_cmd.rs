//! Typical wiring: only runs when the user types `mycli self-update`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arg = std::env::args().nth(1);
    if arg.as_deref() != Some("self-update") {
        println!("usage: mycli self-update");
        return Ok(());
    }
    let up = signed_selfupdate::Updater::builder()
        .api_base("https://github.example.com/api/v3")
        .repo("acme", "mycli")
        .bin_name("mycli")
        .current_version("0.1.0")
        .verifying_key("FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAK=")
        .confirm(|from, to| {
            println!("Update {from} -> {to}? [y/N]");
            let mut s = String::new();
            std::io::stdin().read_line(&mut s).is_ok() && s.trim().eq_ignore_ascii_case("y")
        })
        .build()?;
    println!("{}", up.update()?);
    Ok(())
}
