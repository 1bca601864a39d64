fn main() {
    logwire::Builder::from_env().service("logwire-example").echo(true).init();
    log::info!("hello from logwire");
    for i in 0..5 {
        log::debug!(target: "example::loop", "iteration {i}");
    }
    log::warn!("about to exit");
    log::logger().flush();
    std::thread::sleep(std::time::Duration::from_millis(300));
}
