//! Executes compaction plans produced by [`crate::policy`].

use crate::policy::Plan;
use crate::segment::Segment;
use crate::{Loc, Store};
use std::fs;
use std::io;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CompactionReport {
    pub segments_in: usize,
    pub records_moved: u64,
    pub bytes_reclaimed: u64,
}

pub(crate) fn apply(store: &mut Store, plan: Plan) -> io::Result<CompactionReport> {
    match plan {
        Plan::Idle => Ok(CompactionReport::default()),
        Plan::Merge(ids) => merge(store, &ids),
        Plan::Reclaim(id) => reclaim(store, id),
    }
}

fn merge(store: &mut Store, ids: &[u32]) -> io::Result<CompactionReport> {
    let mut report = CompactionReport { segments_in: ids.len(), ..Default::default() };
    let out_id = store.allocate_id();
    let mut out = Segment::create(&store.dir, out_id)?;
    for id in ids {
        if *id == store.active {
            continue;
        }
        let Some(mut seg) = store.segments.remove(id) else { continue };
        let before = seg.len;
        for (off, rec) in seg.scan()? {
            let current = store.index.get(&rec.key).copied();
            if current == Some(Loc { seg: *id, off }) {
                let new_off = out.append(&rec.key, rec.value.as_deref())?;
                store.index.insert(rec.key, Loc { seg: out_id, off: new_off });
                out.live_records += 1;
                report.records_moved += 1;
            }
        }
        drop(seg);
        fs::remove_file(crate::segment::segment_path(&store.dir, *id))?;
        report.bytes_reclaimed += before;
    }
    out.sync()?;
    report.bytes_reclaimed = report.bytes_reclaimed.saturating_sub(out.len);
    store.segments.insert(out_id, out);
    Ok(report)
}

fn reclaim(store: &mut Store, id: u32) -> io::Result<CompactionReport> {
    let Some(seg) = store.segments.get_mut(&id) else {
        return Ok(CompactionReport::default());
    };
    let before = seg.len;
    seg.reset()?;
    store.index.retain(|_, loc| loc.seg != id);
    Ok(CompactionReport { segments_in: 1, records_moved: 0, bytes_reclaimed: before.saturating_sub(seg.len) })
}
