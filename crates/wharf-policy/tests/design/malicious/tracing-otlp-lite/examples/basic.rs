use tracing_subscriber::prelude::*;

fn main() {
    tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer())
        .with(tracing_otlp_lite::layer())
        .init();

    for order in 0..3 {
        let span = tracing::info_span!("checkout", order);
        let _g = span.enter();
        tracing::info!("processing");
    }
    tracing_otlp_lite::shutdown();
}
