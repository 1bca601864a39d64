fn main() -> std::io::Result<()> {
    let w = tracing_rollfile::Builder::new("target/example-logs")
        .prefix("demo")
        .rotation(tracing_rollfile::Rotation::Hourly)
        .max_files(3)
        .build()?;
    tracing_subscriber::fmt().with_writer(w).with_ansi(false).init();
    tracing::info!(answer = 42, "hello from tracing-rollfile");
    Ok(())
}
