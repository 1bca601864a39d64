//! Run with `cargo run --example echo` and talk to it from another process.
use localipc_ae::{IpcClient, IpcServer, Message};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = IpcServer::bind("echo")?;
    println!("listening on {}", server.path().display());
    std::thread::spawn(move || {
        let _ = server.serve(|m| Some(Message::new("echo", m.data)));
    });
    std::thread::sleep(std::time::Duration::from_millis(100));
    let mut c = IpcClient::connect("echo")?;
    let reply = c.request(&Message::new("say", serde_json::json!("hello")))?;
    println!("reply: {reply:?}");
    Ok(())
}
