//! Print jobs and difficulty changes from a pool. Does not mine.
//!
//! cargo run --example watch_jobs -- stratum+tcp://127.0.0.1:3333 FAKEUSER.worker1

use stratum_v1::{Client, Event};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let url = args.next().ok_or("usage: watch_jobs <stratum+tcp://host:port> <worker> [password]")?;
    let worker = args.next().ok_or("missing worker name")?;
    let password = args.next().unwrap_or_else(|| "x".into());

    let mut client = Client::connect(&url).await?;
    let sub = client.subscribe(concat!("stratum-v1-watch/", env!("CARGO_PKG_VERSION"))).await?;
    println!("extranonce1={} extranonce2_size={}", sub.extranonce1, sub.extranonce2_size);
    println!("authorized: {}", client.authorize(&worker, &password).await?);

    while let Some(ev) = client.next_event().await? {
        match ev {
            Event::Notify(job) => println!("job {} prev={}.. clean={}", job.job_id, &job.prev_hash[..16.min(job.prev_hash.len())], job.clean_jobs),
            Event::SetDifficulty(d) => println!("difficulty -> {d}"),
            Event::Reconnect { host, port } => println!("pool asks to reconnect to {host}:{port} (ignored)"),
            other => println!("{other:?}"),
        }
    }
    Ok(())
}
