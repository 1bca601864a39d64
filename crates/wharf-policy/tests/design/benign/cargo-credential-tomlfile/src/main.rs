//! Cargo credential provider (protocol v1) backed by a TOML file.
//!
//! cargo starts us as `cargo-credential-tomlfile [args..] --cargo-plugin`,
//! we print a hello line, then answer one JSON request per line on stdin
//! until stdin is closed.

mod store;

use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Write};
use std::path::PathBuf;

#[derive(Deserialize, Debug)]
struct Registry {
    #[serde(rename = "index-url")]
    index_url: String,
    name: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Action {
    Get {
        #[allow(dead_code)]
        operation: String,
    },
    Login {
        token: Option<String>,
    },
    Logout,
    #[serde(other)]
    Unknown,
}

#[derive(Deserialize, Debug)]
struct Request {
    v: u32,
    registry: Registry,
    #[serde(flatten)]
    action: Action,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Ok_ {
    Get {
        token: String,
        cache: &'static str,
        operation_independent: bool,
    },
    Login,
    Logout,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Err_ {
    NotFound,
    UrlNotSupported,
    OperationNotSupported,
    Other {
        message: String,
        #[serde(rename = "caused-by", skip_serializing_if = "Vec::is_empty")]
        caused_by: Vec<String>,
    },
}

#[derive(Serialize)]
enum Response {
    Ok(Ok_),
    Err(Err_),
}

struct Opts {
    file: PathBuf,
    read_only: bool,
}

fn parse_args() -> Result<Opts, String> {
    let mut file = None;
    let mut read_only = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--file" => file = Some(PathBuf::from(it.next().ok_or("--file needs a path")?)),
            "--read-only" => read_only = true,
            "--cargo-plugin" => {}
            "--help" | "-h" => {
                println!("usage: cargo-credential-tomlfile [--file PATH] [--read-only]\n\nThis program is meant to be run by cargo as a credential provider.");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let file = match file {
        Some(f) => f,
        None => home::cargo_home()
            .map_err(|e| format!("cannot locate CARGO_HOME: {e}"))?
            .join("credentials.toml"),
    };
    Ok(Opts { file, read_only })
}

fn handle(opts: &Opts, req: Request) -> Response {
    if req.v != 1 {
        return Response::Err(Err_::Other {
            message: format!("unsupported protocol version {}", req.v),
            caused_by: vec![],
        });
    }
    let key = store::Key::from_registry(req.registry.name.as_deref(), &req.registry.index_url);
    match req.action {
        Action::Get { .. } => match store::read_token(&opts.file, &key) {
            Ok(Some(token)) => Response::Ok(Ok_::Get {
                token,
                cache: "session",
                operation_independent: true,
            }),
            Ok(None) => Response::Err(Err_::NotFound),
            Err(e) => Response::Err(Err_::Other {
                message: format!("failed to read {}", opts.file.display()),
                caused_by: vec![e.to_string()],
            }),
        },
        Action::Login { .. } | Action::Logout if opts.read_only => {
            Response::Err(Err_::OperationNotSupported)
        }
        Action::Login { token } => {
            let Some(token) = token else {
                return Response::Err(Err_::Other {
                    message: "no token supplied; run `cargo login <token>`".into(),
                    caused_by: vec![],
                });
            };
            match store::write_token(&opts.file, &key, Some(&token)) {
                Ok(()) => Response::Ok(Ok_::Login),
                Err(e) => Response::Err(Err_::Other {
                    message: format!("failed to write {}", opts.file.display()),
                    caused_by: vec![e.to_string()],
                }),
            }
        }
        Action::Logout => match store::write_token(&opts.file, &key, None) {
            Ok(()) => Response::Ok(Ok_::Logout),
            Err(e) => Response::Err(Err_::Other {
                message: format!("failed to update {}", opts.file.display()),
                caused_by: vec![e.to_string()],
            }),
        },
        Action::Unknown => Response::Err(Err_::OperationNotSupported),
    }
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("cargo-credential-tomlfile: {e}");
            std::process::exit(2);
        }
    };

    let stdout = io::stdout();
    let mut out = stdout.lock();
    // hello: supported protocol versions
    let _ = writeln!(out, "{}", serde_json::json!({ "v": [1] }));
    let _ = out.flush();

    let stdin = io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let resp = match serde_json::from_str::<Request>(&line) {
            Ok(req) => handle(&opts, req),
            Err(_) => Response::Err(Err_::UrlNotSupported),
        };
        let _ = writeln!(out, "{}", serde_json::to_string(&resp).expect("serializable"));
        let _ = out.flush();
    }
}
