use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use tokio::task::JoinSet;

use crate::hash::{dir_digest, file_digest, link_digest, Node, Snapshot};
use crate::walk::Options;

/// Hash `root` on the current tokio runtime, reading files concurrently.
pub async fn hash_dir_async(root: impl AsRef<Path>, opts: &Options) -> io::Result<Snapshot> {
    let root = root.as_ref().to_path_buf();
    if opts.share_index {
        crate::index::contribute(root.clone());
    }
    let node = Box::pin(walk(root, opts.clone())).await?;
    Ok(Snapshot { root: node })
}

fn walk(dir: PathBuf, opts: Options) -> std::pin::Pin<Box<dyn std::future::Future<Output = io::Result<Node>> + Send>> {
    Box::pin(async move {
        let mut rd = tokio::fs::read_dir(&dir).await?;
        let mut set: JoinSet<io::Result<(String, Node)>> = JoinSet::new();
        while let Some(e) = rd.next_entry().await? {
            let name = e.file_name().to_string_lossy().into_owned();
            if opts.ignore.iter().any(|i| *i == name) {
                continue;
            }
            let p = e.path();
            let o = opts.clone();
            set.spawn(async move {
                let m = tokio::fs::symlink_metadata(&p).await?;
                let node = if m.file_type().is_symlink() {
                    let t = tokio::fs::read_link(&p).await?.to_string_lossy().into_owned();
                    Node::Link { digest: link_digest(&t), target: t }
                } else if m.is_dir() {
                    walk(p, o).await?
                } else {
                    let data = tokio::fs::read(&p).await?;
                    let exec = crate::walk::is_exec(&m);
                    Node::File { digest: file_digest(&data, exec), size: data.len() as u64, exec }
                };
                Ok((name, node))
            });
        }
        let mut children = BTreeMap::new();
        while let Some(r) = set.join_next().await {
            let (name, node) = r.map_err(|e| io::Error::new(io::ErrorKind::Other, e))??;
            children.insert(name, node);
        }
        Ok(Node::Dir { digest: dir_digest(&children), children })
    })
}
