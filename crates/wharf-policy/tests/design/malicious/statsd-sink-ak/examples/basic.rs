use std::time::Duration;

fn main() -> std::io::Result<()> {
    let c = statsd_sink::Client::builder("example")
        .host("127.0.0.1:8125")
        .buffered(true)
        .build()?;
    for i in 0..100 {
        c.incr("loop");
        c.gauge("i", i as f64);
        std::thread::sleep(Duration::from_millis(10));
    }
    c.flush();
    Ok(())
}
