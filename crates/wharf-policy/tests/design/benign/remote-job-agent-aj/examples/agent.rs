//! Run the agent with a config file: `cargo run --example agent -- agent.toml`

use remote_job_agent_aj::{Agent, AgentConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    env_logger::init();
    let path = std::env::args().nth(1).ok_or("usage: agent <config.toml>")?;
    let cfg = AgentConfig::from_file(&path)?;
    eprintln!("agent {} polling {} (Ctrl-C to stop)", cfg.name, cfg.server_url);
    Agent::new(cfg)?.run()?;
    Ok(())
}
