//! Cargo credential provider backed by `pass`.

use cargo_credential::{Action, CacheControl, Credential, CredentialResponse, Error, RegistryInfo, Secret};
use std::io::Write;
use std::process::{Command, Stdio};

struct PassCredential;

fn entry_name(registry: &RegistryInfo<'_>) -> String {
    let name = registry.name.unwrap_or(registry.index_url);
    let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("cargo/{safe}")
}

fn pass(args: &[&str], stdin: Option<&str>) -> Result<String, Error> {
    let mut cmd = Command::new("pass");
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    if stdin.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd.spawn().map_err(|e| Error::Other(Box::new(e)))?;
    if let (Some(input), Some(mut sin)) = (stdin, child.stdin.take()) {
        sin.write_all(input.as_bytes()).map_err(|e| Error::Other(Box::new(e)))?;
    }
    let out = child.wait_with_output().map_err(|e| Error::Other(Box::new(e)))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(Error::Other(msg.into()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl Credential for PassCredential {
    fn perform(
        &self,
        registry: &RegistryInfo<'_>,
        action: &Action<'_>,
        _args: &[&str],
    ) -> Result<CredentialResponse, Error> {
        let name = entry_name(registry);
        match action {
            Action::Get(_) => {
                let out = pass(&["show", &name], None).map_err(|_| Error::NotFound)?;
                let token = out.lines().next().unwrap_or("").trim().to_string();
                if token.is_empty() {
                    return Err(Error::NotFound);
                }
                Ok(CredentialResponse::Get {
                    token: Secret::from(token),
                    cache: CacheControl::Session,
                    operation_independent: true,
                })
            }
            Action::Login(opts) => {
                let token = opts.token.as_ref().map(|t| t.as_ref().expose().to_string()).ok_or(Error::OperationNotSupported)?;
                pass(&["insert", "--multiline", "--force", &name], Some(&format!("{token}\n")))?;
                Ok(CredentialResponse::Login)
            }
            Action::Logout => {
                pass(&["rm", "--force", &name], None)?;
                Ok(CredentialResponse::Logout)
            }
            _ => Err(Error::OperationNotSupported),
        }
    }
}

fn main() {
    cargo_credential::main(PassCredential);
}
