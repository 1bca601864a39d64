//! `wharf serve`: the one place the binary wires the HTTP server (`wharf-server`), the web site
//! (`wharf-web`) and the outbox worker (`wharf-mail`) around one `Registry`. The other commands
//! call the registry or the store directly and never go through HTTP.

use crate::config::Settings;
use anyhow::{bail, Context};

pub async fn serve(settings: Settings, db: wharf_store::Db) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(&settings.listen)
        .await
        .with_context(|| format!("cannot listen on {}", settings.listen))?;
    let address = listener.local_addr()?;
    let mut server_config = settings.registry_config();
    if settings.public_url.is_none() {
        server_config.public_url = format!("http://{address}");
    }
    if server_config.public_url.ends_with('/') {
        bail!("--public-url must not end with `/`");
    }
    let outbox = wharf_mail::Outbox {
        db: db.clone(),
        mailer: settings.mailer()?,
        public_url: server_config.public_url.clone(),
        interval: std::time::Duration::from_secs(1),
    };
    // Every instance runs a worker; claims keep them from sending a message twice.
    tokio::spawn(outbox.run(std::future::pending()));
    let webhooks = wharf_webhooks::Worker {
        db: db.clone(),
        retry_base: settings.webhook_retry_base(),
        interval: std::time::Duration::from_secs(1),
    };
    tokio::spawn(webhooks.run(std::future::pending()));
    let (blobs, index) = settings.files()?;
    server_config.downloads = settings.downloads(&blobs)?;
    let registry = wharf_registry::Registry::new(server_config, db, blobs, index);
    start_detonation(&settings, &registry).await?;
    let state = wharf_server::AppState::new(registry.clone());
    wharf_server::prepare(&state).await?;
    // Scripts and tests read this line to learn the address when the port was chosen by the system.
    println!("Wharf listening on http://{address}");
    tracing::info!(
        %address,
        data_dir = %settings.data_dir.display(),
        storage = %settings.storage,
        "serving"
    );
    let site = wharf_web::router(registry, settings.web_config());
    let limits = settings.connection_limits(raise_descriptor_limit());
    tracing::info!(
        max_connections = limits.max_connections,
        header_timeout_seconds = limits.header_timeout.as_secs(),
        "connection limits"
    );
    wharf_server::serve(state, Some(site), listener, limits, shutdown_signal()).await
}

/// Proves the sandbox (off the async threads: it runs a sealed process) and starts the worker that
/// detonates published versions. A machine that cannot seal a build says why and keeps static
/// analysis only: nothing is ever built unsealed.
async fn start_detonation(
    settings: &Settings,
    registry: &wharf_registry::Registry,
) -> anyhow::Result<()> {
    let Some((config, workers)) = settings.sandbox_config()? else {
        tracing::info!("detonation is off");
        return Ok(());
    };
    let before_publish = settings.detonate_before_publish;
    let probed = tokio::task::spawn_blocking(move || wharf_sandbox::Sandbox::probe(config)).await?;
    match probed {
        Ok(sandbox) => {
            tracing::info!(
                limits = %sandbox.enforced(),
                workers,
                before_publish,
                "detonating published versions"
            );
            registry.enable_detonation(sandbox, before_publish);
            let worker = registry.clone();
            tokio::spawn(async move { worker.run_detonations(workers).await });
        }
        Err(error) => tracing::warn!(
            %error,
            "detonation is off: this machine cannot seal a build, so only static analysis runs"
        ),
    }
    Ok(())
}

/// Raises this process's file-descriptor limit as far as the system allows (every connection is
/// a descriptor, and the usual soft limit of 1024 is met by a modest crowd), and returns it.
fn raise_descriptor_limit() -> u64 {
    /// Beyond this the connection cap, not descriptors, is what bounds a process.
    const WANTED: u64 = 65_536;
    match rlimit::increase_nofile_limit(WANTED) {
        Ok(limit) => limit,
        Err(error) => {
            tracing::warn!(%error, "could not raise the file-descriptor limit");
            rlimit::Resource::NOFILE
                .get()
                .map_or(1024, |(soft, _)| soft)
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("installing a SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate.recv() => {},
    }
    tracing::info!("shutting down");
}
