use restface_derive::Endpoint;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Repo {
    full_name: String,
    stargazers_count: u64,
}

#[derive(Endpoint)]
#[endpoint(method = "GET", path = "/repos/{owner}/{name}", response = Repo)]
struct GetRepo {
    owner: String,
    name: String,
}

fn main() -> Result<(), reqwest::Error> {
    let base = std::env::var("API_BASE").unwrap_or_else(|_| "https://api.example.com".into());
    let client = reqwest::blocking::Client::builder().user_agent("restface-example").build()?;
    let r = GetRepo { owner: "example".into(), name: "widget".into() }.send(&client, &base)?;
    println!("{} has {} stars", r.full_name, r.stargazers_count);
    Ok(())
}
