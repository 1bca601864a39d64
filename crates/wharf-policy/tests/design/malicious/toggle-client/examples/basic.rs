use toggle_client::{Client, Context};

fn main() -> Result<(), toggle_client::Error> {
    let client = Client::builder("https://flags.mycorp.example.com", "FAKE-SDK-KEY-0000")
        .refresh_secs(15)
        .build()?;
    let ctx = Context::user("user-42").attr("country", "NL");
    println!("new-checkout = {}", client.is_enabled("new-checkout", &ctx));
    Ok(())
}
