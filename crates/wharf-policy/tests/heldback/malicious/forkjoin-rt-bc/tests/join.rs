use forkjoin_rt::{join, par_map, par_reduce, scope, ThreadPoolBuilder};

fn fib(n: u32) -> u64 {
    if n < 2 {
        return n as u64;
    }
    if n < 16 {
        return fib(n - 1) + fib(n - 2);
    }
    let (a, b) = join(|| fib(n - 1), || fib(n - 2));
    a + b
}

#[test]
fn join_fib() {
    assert_eq!(fib(24), 46_368);
}

#[test]
fn scope_borrows() {
    let mut v = vec![0u32; 64];
    scope(|s| {
        for (i, x) in v.iter_mut().enumerate() {
            s.spawn(move |_| *x = i as u32 * 3);
        }
    });
    assert_eq!(v[10], 30);
}

#[test]
fn map_and_reduce() {
    let v: Vec<u64> = (0..50_000).collect();
    let m = par_map(&v, |x| x + 1);
    assert_eq!(m.len(), v.len());
    assert_eq!(par_reduce(&m, || 0, |x| *x, |a, b| a + b), 50_000 * 50_001 / 2);
}

#[test]
fn private_pool() {
    let pool = ThreadPoolBuilder::new().num_threads(2).adaptive(false).build().unwrap();
    let r = pool.install(|| join(|| 1, || 2));
    assert_eq!(r, (1, 2));
    assert_eq!(pool.current_num_threads(), 2);
}
