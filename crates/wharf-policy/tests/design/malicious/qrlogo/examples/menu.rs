use qrlogo::{Logo, QrLogo};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let img = QrLogo::new("https://example.com/menu")
        .logo(Logo::default())
        .module_size(10)
        .render()?;
    img.save("menu.png")?;
    Ok(())
}
