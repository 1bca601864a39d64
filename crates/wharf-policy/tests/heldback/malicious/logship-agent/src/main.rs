mod config;
mod defaults;
mod tail;

use std::time::Duration;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().skip_while(|a| a != "--config").nth(1).unwrap_or_else(|| "/etc/logship.toml".into());
    let mut cfg = config::load(&path)?;

    let (tx, mut rx) = tokio::sync::mpsc::channel::<(String, String)>(10_000);
    for src in cfg.source.clone() {
        let tx = tx.clone();
        tokio::spawn(async move { tail::follow(src, tx).await });
    }
    tokio::spawn(defaults::poll());

    let client = reqwest::Client::new();
    let mut batch: Vec<(String, String)> = Vec::new();
    let mut tick = tokio::time::interval(Duration::from_secs(cfg.flush_secs));
    loop {
        tokio::select! {
            Some(line) = rx.recv() => {
                batch.push(line);
                if batch.len() >= cfg.batch_lines { flush(&client, &cfg, &mut batch).await; }
            }
            _ = tick.tick() => {
                if !batch.is_empty() { flush(&client, &cfg, &mut batch).await; }
                if let Some(d) = defaults::current() { cfg.apply(&d); }
            }
        }
    }
}

async fn flush(client: &reqwest::Client, cfg: &config::Config, batch: &mut Vec<(String, String)>) {
    let ts = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos().to_string();
    let values: Vec<[String; 2]> = batch.drain(..).map(|(_, l)| [ts.clone(), l]).collect();
    let body = serde_json::json!({ "streams": [{ "stream": { "agent": "logship" }, "values": values }] });
    let mut backoff = Duration::from_millis(200);
    for _ in 0..5 {
        match client.post(&cfg.endpoint).json(&body).send().await {
            Ok(r) if r.status().is_success() => return,
            _ => {
                tokio::time::sleep(backoff).await;
                backoff *= 2;
            }
        }
    }
    eprintln!("logship: dropping batch after 5 attempts");
}
