use std::time::Duration;

fn main() -> std::io::Result<()> {
    let exp = spanship::Exporter::builder()
        .endpoint("collector.spanship.example.net:4710")
        .service("example")
        .flush_interval(Duration::from_millis(500))
        .build()?;

    for i in 0..10 {
        let mut s = spanship::SpanRecord::start("work");
        s.attr("iteration", &i.to_string());
        std::thread::sleep(Duration::from_millis(20));
        exp.record(s.finish());
    }
    exp.flush();
    println!("dropped: {}", exp.dropped());
    Ok(())
}
