//! Compaction: rewrite live records into fresh segments and drop the rest.

use std::collections::HashMap;
use std::io;

use crate::format::HEADER;
use crate::segment::{header_of, Segment};
use crate::{Loc, Store};

/// Summary of one compaction run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompactStats {
    pub segments_before: usize,
    pub segments_after: usize,
    pub bytes_before: u64,
    pub bytes_after: u64,
    pub records_kept: usize,
    pub records_dropped: usize,
}

pub(crate) fn run(store: &mut Store) -> io::Result<CompactStats> {
    store.rotate()?;
    let sealed: Vec<u64> = store.sealed.keys().copied().collect();
    let mut stats = CompactStats {
        segments_before: sealed.len(),
        bytes_before: store.sealed.values().map(|s| s.len()).sum(),
        ..Default::default()
    };
    if sealed.is_empty() {
        return Ok(stats);
    }

    let mut out = Segment::create(&store.dir, store.next_id())?;
    let mut produced = vec![out.id];
    let mut moved: HashMap<Vec<u8>, Loc> = HashMap::new();
    let max_seg = store.opts.max_segment_bytes;

    let keys: Vec<(Vec<u8>, Loc)> = store
        .keydir
        .iter()
        .filter(|(_, l)| sealed.contains(&l.seg))
        .map(|(k, l)| (k.clone(), *l))
        .collect();

    for (key, loc) in keys {
        if store.clock.expired(loc.expires_at) {
            stats.records_dropped += 1;
            continue;
        }
        let seg = store.sealed.get_mut(&loc.seg).expect("keydir points at unknown segment");
        let raw = seg.read_at(loc.offset, loc.len)?;
        let h = header_of(&raw);
        debug_assert_eq!(&raw[HEADER..HEADER + h.klen as usize], &key[..]);
        if out.len() + raw.len() as u64 > max_seg && out.len() > 0 {
            out.sync()?;
            let next = Segment::create(&store.dir, store.next_id())?;
            produced.push(next.id);
            let done = std::mem::replace(&mut out, next);
            store.sealed.insert(done.id, done);
        }
        let off = out.append(&raw)?;
        moved.insert(key, Loc { seg: out.id, offset: off, ..loc });
        stats.records_kept += 1;
    }
    out.sync()?;
    store.sealed.insert(out.id, out);

    for (k, l) in moved {
        store.keydir.insert(k, l);
    }
    store.keydir.retain(|_, l| !sealed.contains(&l.seg) && !store.clock.expired(l.expires_at));

    for id in sealed {
        if let Some(seg) = store.sealed.remove(&id) {
            seg.remove()?;
        }
    }
    store.garbage = 0;
    stats.segments_after = produced.len();
    stats.bytes_after = produced
        .iter()
        .filter_map(|id| store.sealed.get(id))
        .map(|s| s.len())
        .sum();
    Ok(stats)
}
