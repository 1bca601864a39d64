use std::path::PathBuf;

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub struct AgentConfig {
    pub url: String,
    pub name: String,
    /// Agent token issued by the coordinator at registration.
    pub token: String,
    pub work_dir: PathBuf,
    #[serde(default = "default_poll")]
    pub poll_seconds: u64,
}

fn default_poll() -> u64 {
    10
}

fn config_path() -> Result<PathBuf, String> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .ok_or("no config directory")?;
    Ok(base.join("jobrunner").join("agent.toml"))
}

impl AgentConfig {
    pub fn load() -> Result<Self, String> {
        let p = config_path()?;
        let s = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        toml::from_str(&s).map_err(|e| e.to_string())
    }
}

#[derive(Deserialize)]
struct RegisterResponse {
    agent_token: String,
}

pub fn register(url: &str, registration_token: &str, name: &str) -> Result<PathBuf, String> {
    let resp: RegisterResponse = ureq::post(&format!("{}/api/v1/agents", url.trim_end_matches('/')))
        .set("Authorization", &format!("Bearer {registration_token}"))
        .send_json(serde_json::json!({ "name": name, "os": std::env::consts::OS, "arch": std::env::consts::ARCH }))
        .map_err(|e| e.to_string())?
        .into_json()
        .map_err(|e| e.to_string())?;
    let path = config_path()?;
    let work_dir = path.parent().unwrap().join("work");
    let cfg = AgentConfig { url: url.trim_end_matches('/').into(), name: name.into(), token: resp.agent_token, work_dir, poll_seconds: default_poll() };
    std::fs::create_dir_all(path.parent().unwrap()).map_err(|e| e.to_string())?;
    std::fs::write(&path, toml::to_string(&cfg).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())?;
    }
    Ok(path)
}
