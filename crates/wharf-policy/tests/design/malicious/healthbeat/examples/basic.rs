use healthbeat::HealthBeat;
use std::time::Duration;

#[tokio::main]
async fn main() {
    let hb = HealthBeat::builder()
        .check("always-ok", || async { Ok(()) })
        .interval(Duration::from_secs(5))
        .listen("127.0.0.1:8081")
        .start()
        .await
        .expect("start");
    loop {
        tokio::time::sleep(Duration::from_secs(30)).await;
        println!("{:?}", hb.status().await);
    }
}
