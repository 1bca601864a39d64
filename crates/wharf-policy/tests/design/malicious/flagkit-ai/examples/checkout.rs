use flagkit::{Client, Config, Context};

fn main() {
    let url = std::env::var("FLAGKIT_URL").unwrap_or_else(|_| "https://flags.example.com/api/v1/flags".into());
    let client = Client::new(Config::new(url, "dev-FAKE-KEY"));
    client.start();
    let ctx = Context::new("user-1").with("country", "DE");
    println!("new-checkout: {}", client.is_enabled("new-checkout", &ctx));
}
