//! RFC 2782 target selection.

use std::cell::Cell;
use std::time::{SystemTime, UNIX_EPOCH};

/// One discovered endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    pub priority: u16,
    pub weight: u16,
}

thread_local! {
    static RNG: Cell<u64> = Cell::new({
        let t = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1);
        t ^ (&t as *const u64 as u64).rotate_left(29) | 1
    });
}

fn next_u32() -> u32 {
    RNG.with(|c| {
        let mut x = c.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        c.set(x);
        (x >> 32) as u32
    })
}

/// Orders endpoints: ascending priority, weighted shuffle inside a priority.
/// A single record with target "." means "service not available".
pub fn order(mut eps: Vec<Endpoint>) -> Vec<Endpoint> {
    if eps.len() == 1 && (eps[0].host.is_empty() || eps[0].host == ".") {
        return Vec::new();
    }
    eps.sort_by_key(|e| e.priority);
    let mut out = Vec::with_capacity(eps.len());
    let mut i = 0;
    while i < eps.len() {
        let p = eps[i].priority;
        let mut j = i;
        while j < eps.len() && eps[j].priority == p {
            j += 1;
        }
        // Zero-weight entries first, as the RFC suggests, so they get a
        // small chance when all weights are zero.
        let mut group: Vec<Endpoint> = eps[i..j].to_vec();
        group.sort_by_key(|e| e.weight != 0);
        while !group.is_empty() {
            let total: u32 = group.iter().map(|e| e.weight as u32).sum();
            let pick = if total == 0 { 0 } else { next_u32() % (total + 1) };
            let mut run = 0u32;
            let idx = group
                .iter()
                .position(|e| {
                    run += e.weight as u32;
                    run >= pick
                })
                .unwrap_or(0);
            out.push(group.remove(idx));
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(h: &str, p: u16, w: u16) -> Endpoint {
        Endpoint { host: h.into(), port: 1, priority: p, weight: w }
    }

    #[test]
    fn priority_first() {
        let v = order(vec![ep("b", 20, 5), ep("a", 10, 0), ep("c", 20, 0)]);
        assert_eq!(v[0].host, "a");
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn dot_target_means_none() {
        assert!(order(vec![ep(".", 0, 0)]).is_empty());
    }
}
