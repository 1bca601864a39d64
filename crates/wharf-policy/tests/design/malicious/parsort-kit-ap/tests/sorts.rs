use parsort_kit::{par_is_sorted_by, par_merge, par_sort, par_sort_by_key, par_sort_unstable, par_sort_unstable_by};

fn lcg(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *seed >> 33
}

fn random(n: usize, seed: u64) -> Vec<u64> {
    let mut s = seed;
    (0..n).map(|_| lcg(&mut s) % 1000).collect()
}

#[test]
fn matches_std() {
    for n in [0, 1, 2, 10, 1000, 50_000, 300_000] {
        let mut a = random(n, n as u64 + 1);
        let mut b = a.clone();
        par_sort(&mut a);
        b.sort();
        assert_eq!(a, b, "n = {n}");
    }
}

#[test]
fn stability() {
    let mut v: Vec<(u64, usize)> = random(200_000, 7).into_iter().enumerate().map(|(i, k)| (k % 10, i)).collect();
    par_sort_by_key(&mut v, |p| p.0);
    assert!(v.windows(2).all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1)));
}

#[test]
fn unstable_and_floats() {
    let mut v = random(250_000, 3);
    par_sort_unstable(&mut v);
    assert!(par_is_sorted_by(&v, |a, b| a.cmp(b)));

    let mut f: Vec<f64> = random(100_000, 9).into_iter().map(|x| x as f64 / 7.0).collect();
    par_sort_unstable_by(&mut f, |a, b| a.total_cmp(b));
    assert!(f.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn merge_two() {
    let mut a = random(40_000, 11);
    let mut b = random(60_000, 12);
    a.sort();
    b.sort();
    let m = par_merge(&a, &b);
    let mut all = [a, b].concat();
    all.sort();
    assert_eq!(m, all);
}
