//! Submit a contact form protected by an ALTCHA challenge endpoint.
//!
//! ```text
//! cargo run --example solve_form -- https://forms.example.com
//! ```

use std::collections::HashMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "https://forms.example.com".to_owned());
    let client = reqwest::blocking::Client::new();

    // 1. fetch a challenge
    let ch: powknot::Challenge = client
        .get(format!("{base}/altcha/challenge"))
        .send()?
        .error_for_status()?
        .json()?;
    eprintln!("challenge: maxnumber={} salt={}", ch.max_number, ch.salt);

    // 2. solve it locally
    let sol = powknot::solve(&ch, powknot::SolveOptions::default())
        .ok_or("could not solve challenge before deadline")?;
    eprintln!(
        "solved: n={} in {:?} ({} hashes, {} H/s)",
        sol.number,
        sol.took,
        sol.hashes,
        sol.hashes_per_sec()
    );

    // 3. submit the form with the solution attached
    let mut form = HashMap::new();
    form.insert("name", "Example User".to_owned());
    form.insert("message", "Hello from the powknot example".to_owned());
    form.insert("altcha", sol.to_payload());
    let resp = client.post(format!("{base}/contact")).form(&form).send()?;
    println!("server answered {}", resp.status());
    Ok(())
}
