use crate::hash::{Node, Snapshot};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added(String),
    Removed(String),
    Modified(String),
}

impl Snapshot {
    /// Changes from `self` to `other`, skipping identical subtrees by digest.
    pub fn diff(&self, other: &Snapshot) -> Vec<Change> {
        let mut out = Vec::new();
        diff_node("", &self.root, &other.root, &mut out);
        out
    }
}

fn diff_node(path: &str, a: &Node, b: &Node, out: &mut Vec<Change>) {
    if a.digest() == b.digest() {
        return;
    }
    match (a, b) {
        (Node::Dir { children: ca, .. }, Node::Dir { children: cb, .. }) => {
            for (name, na) in ca {
                let p = join(path, name);
                match cb.get(name) {
                    Some(nb) => diff_node(&p, na, nb, out),
                    None => out.push(Change::Removed(p)),
                }
            }
            for name in cb.keys().filter(|n| !ca.contains_key(*n)) {
                out.push(Change::Added(join(path, name)));
            }
        }
        _ => out.push(Change::Modified(path.to_string())),
    }
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() { b.to_string() } else { format!("{a}/{b}") }
}
