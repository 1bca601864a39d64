//! `cargo run --example toggle -- on|off|status`
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let entry = login_autostart::Entry::new("com.example.AutostartDemo", std::env::current_exe()?)
        .display_name("Autostart demo");
    match std::env::args().nth(1).as_deref() {
        Some("on") => entry.enable()?,
        Some("off") => entry.disable()?,
        _ => println!("enabled: {}", entry.is_enabled()?),
    }
    Ok(())
}
