use crate::{hooks, Change, Config};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};
use tokio::sync::broadcast::Sender;

const DEBOUNCE: Duration = Duration::from_millis(120);

pub(crate) fn start(cfg: &Config, tx: Sender<Change>) -> io::Result<RecommendedWatcher> {
    let root = cfg.root.clone();
    let ignore = cfg.ignore.clone();
    let on_change = cfg.on_change.clone();
    let rt = tokio::runtime::Handle::current();
    let mut last = Instant::now() - DEBOUNCE;

    let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
        let Ok(ev) = res else { return };
        if !matches!(ev.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)) {
            return;
        }
        let Some(path) = ev.paths.first() else { return };
        if ignored(&root, path, &ignore) || last.elapsed() < DEBOUNCE {
            return;
        }
        last = Instant::now();
        let rel = path.strip_prefix(&root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let tx = tx.clone();
        let hook = on_change.clone();
        let root = root.clone();
        rt.spawn(async move {
            if let Some(cmd) = hook {
                if !hooks::run(&cmd, &root).await {
                    return; // build failed: keep the old page
                }
            }
            let change = if rel.ends_with(".css") { Change::Css(rel) } else { Change::Full(rel) };
            let _ = tx.send(change);
        });
    })
    .map_err(io::Error::other)?;
    watcher.watch(&cfg.root, RecursiveMode::Recursive).map_err(io::Error::other)?;
    Ok(watcher)
}

fn ignored(root: &Path, p: &Path, ignore: &[String]) -> bool {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.components().any(|c| ignore.iter().any(|i| c.as_os_str() == i.as_str()))
        || p.extension().map(|e| e == "swp" || e == "tmp").unwrap_or(false)
}
