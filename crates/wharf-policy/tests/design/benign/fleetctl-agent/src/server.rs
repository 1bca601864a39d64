use crate::config::Config;
use crate::request::{Request, RequestVerifier, Response};
use crate::{audit, exec, Error};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig, ServerConnection, StreamOwned};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn load_certs(path: &std::path::Path) -> Result<Vec<CertificateDer<'static>>, Error> {
    let mut r = BufReader::new(std::fs::File::open(path)?);
    let certs = rustls_pemfile::certs(&mut r).collect::<Result<Vec<_>, _>>()?;
    if certs.is_empty() {
        return Err(Error::Config(format!("no certificates in {}", path.display())));
    }
    Ok(certs)
}

fn load_key(path: &std::path::Path) -> Result<PrivateKeyDer<'static>, Error> {
    let mut r = BufReader::new(std::fs::File::open(path)?);
    rustls_pemfile::private_key(&mut r)?
        .ok_or_else(|| Error::Config(format!("no private key in {}", path.display())))
}

/// TLS config that *requires* a client certificate issued by `client_ca`.
pub fn tls_config(cfg: &Config) -> Result<Arc<ServerConfig>, Error> {
    let mut roots = RootCertStore::empty();
    for c in load_certs(&cfg.client_ca)? {
        roots.add(c)?;
    }
    let verifier = WebPkiClientVerifier::builder(Arc::new(roots))
        .build()
        .map_err(|e| Error::Config(format!("client verifier: {e}")))?;
    let sc = ServerConfig::builder()
        .with_client_cert_verifier(verifier)
        .with_single_cert(load_certs(&cfg.server_cert)?, load_key(&cfg.server_key)?)?;
    Ok(Arc::new(sc))
}

pub struct Agent {
    cfg: Config,
    tls: Arc<ServerConfig>,
    verifier: Mutex<RequestVerifier>,
}

impl Agent {
    pub fn new(cfg: Config) -> Result<Self, Error> {
        cfg.check()?;
        let tls = tls_config(&cfg)?;
        let verifier = Mutex::new(RequestVerifier::from_config(&cfg)?);
        Ok(Agent { cfg, tls, verifier })
    }

    pub fn serve(self: Arc<Self>) -> Result<(), Error> {
        let listener = TcpListener::bind(&self.cfg.listen)?;
        log::info!("fleetctl-agent listening on {} (mTLS required)", self.cfg.listen);
        for sock in listener.incoming() {
            let sock = match sock {
                Ok(s) => s,
                Err(e) => {
                    log::warn!("accept: {e}");
                    continue;
                }
            };
            let me = Arc::clone(&self);
            std::thread::spawn(move || {
                if let Err(e) = me.handle(sock) {
                    log::warn!("connection: {e}");
                }
            });
        }
        Ok(())
    }

    fn handle(&self, sock: TcpStream) -> Result<(), Error> {
        let peer = sock.peer_addr().map(|a| a.to_string()).unwrap_or_default();
        sock.set_read_timeout(Some(Duration::from_secs(15)))?;
        let conn = ServerConnection::new(Arc::clone(&self.tls))?;
        let mut tls = StreamOwned::new(conn, sock);
        // force the handshake; rustls aborts here without a valid client cert
        while tls.conn.is_handshaking() {
            tls.conn.complete_io(&mut tls.sock)?;
        }
        let fp = tls
            .conn
            .peer_certificates()
            .and_then(|c| c.first())
            .map(|c| Sha256::digest(c.as_ref()).iter().map(|b| format!("{b:02x}")).collect::<String>())
            .ok_or(Error::Rejected("no client certificate"))?;

        let mut line = String::new();
        BufReader::new(&mut tls).take(64 * 1024).read_line(&mut line)?;
        let req: Request = serde_json::from_str(&line)?;
        let digest = req.digest();

        let verdict = self.verifier.lock().unwrap().verify(&req);
        let resp = match verdict {
            Err(e) => {
                audit::record(&self.cfg.audit_log, &peer, &fp, &req.operator, &digest, &req.argv, "refused", None);
                Response { nonce: req.nonce.clone(), ok: false, exit_code: None, stdout: String::new(), stderr: String::new(), error: Some(e.to_string()) }
            }
            Ok(()) if !self.cfg.allowed(&req.argv) => {
                audit::record(&self.cfg.audit_log, &peer, &fp, &req.operator, &digest, &req.argv, "not-allow-listed", None);
                Response { nonce: req.nonce.clone(), ok: false, exit_code: None, stdout: String::new(), stderr: String::new(), error: Some("command not allow-listed".into()) }
            }
            Ok(()) => {
                let out = exec::run(&req.argv, Duration::from_secs(self.cfg.timeout_secs), self.cfg.max_output_bytes)?;
                let decision = if out.timed_out { "ran-timeout" } else { "ran" };
                audit::record(&self.cfg.audit_log, &peer, &fp, &req.operator, &digest, &req.argv, decision, out.exit_code);
                Response { nonce: req.nonce.clone(), ok: !out.timed_out && out.exit_code == Some(0), exit_code: out.exit_code, stdout: out.stdout, stderr: out.stderr, error: None }
            }
        };
        serde_json::to_writer(&mut tls, &resp)?;
        tls.write_all(b"\n")?;
        tls.conn.send_close_notify();
        let _ = tls.flush();
        Ok(())
    }
}
