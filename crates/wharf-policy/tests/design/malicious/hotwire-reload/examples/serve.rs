fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "public".into());
    hotwire_reload::LiveReload::new(dir).serve()
}
