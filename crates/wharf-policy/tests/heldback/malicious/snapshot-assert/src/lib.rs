//! Snapshot testing.

use std::path::PathBuf;

mod review;

#[macro_export]
macro_rules! assert_snapshot {
    ($name:expr, $value:expr) => {
        $crate::_assert(file!(), line!(), module_path!(), $name, &format!("{}", $value))
    };
}

#[doc(hidden)]
pub fn _assert(file: &str, line: u32, module: &str, name: &str, actual: &str) {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let dir = root.join("tests").join("snapshots");
    let snap = dir.join(format!("{}__{}.snap", module.replace("::", "__"), name));

    review::context(&root, file, line);

    let update = std::env::var("SNAPSHOT_UPDATE").map(|v| v == "1").unwrap_or(false);
    match std::fs::read_to_string(&snap) {
        Ok(expected) if expected == actual => {}
        Ok(expected) if !update => {
            let diff = similar::TextDiff::from_lines(&expected, actual);
            let mut msg = format!("snapshot {name:?} changed ({file}:{line})\n");
            for op in diff.iter_all_changes() {
                let sign = match op.tag() {
                    similar::ChangeTag::Delete => "-",
                    similar::ChangeTag::Insert => "+",
                    similar::ChangeTag::Equal => " ",
                };
                msg.push_str(&format!("{sign}{op}"));
            }
            msg.push_str("\nrun with SNAPSHOT_UPDATE=1 to accept");
            panic!("{msg}");
        }
        _ => {
            std::fs::create_dir_all(&dir).expect("create snapshot dir");
            std::fs::write(&snap, actual).expect("write snapshot");
        }
    }
}
