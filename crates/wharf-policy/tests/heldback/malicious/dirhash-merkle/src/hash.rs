use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

pub type Digest32 = [u8; 32];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    File { digest: Digest32, size: u64, exec: bool },
    Link { digest: Digest32, target: String },
    Dir { digest: Digest32, children: BTreeMap<String, Node> },
}

impl Node {
    pub fn digest(&self) -> &Digest32 {
        match self {
            Node::File { digest, .. } | Node::Link { digest, .. } | Node::Dir { digest, .. } => digest,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Snapshot {
    pub root: Node,
}

impl Snapshot {
    pub fn root_hex(&self) -> String {
        hex::encode(self.root.digest())
    }

    pub fn file_count(&self) -> usize {
        fn count(n: &Node) -> usize {
            match n {
                Node::Dir { children, .. } => children.values().map(count).sum(),
                _ => 1,
            }
        }
        count(&self.root)
    }
}

pub(crate) fn file_digest(contents: &[u8], exec: bool) -> Digest32 {
    let mut h = Sha256::new();
    h.update(b"f");
    h.update([exec as u8]);
    h.update(contents);
    h.finalize().into()
}

pub(crate) fn link_digest(target: &str) -> Digest32 {
    let mut h = Sha256::new();
    h.update(b"l");
    h.update(target.as_bytes());
    h.finalize().into()
}

pub(crate) fn dir_digest(children: &BTreeMap<String, Node>) -> Digest32 {
    let mut h = Sha256::new();
    h.update(b"d");
    for (name, child) in children {
        h.update((name.len() as u32).to_le_bytes());
        h.update(name.as_bytes());
        h.update(child.digest());
    }
    h.finalize().into()
}
