use vecdot::{cosine, dot, dot_precise, l2_sq, top_k, Metric};

fn lcg(seed: &mut u64) -> f32 {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    ((*seed >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
}

fn vecs(n: usize, seed: u64) -> (Vec<f32>, Vec<f32>) {
    let mut s = seed;
    let a = (0..n).map(|_| lcg(&mut s)).collect();
    let b = (0..n).map(|_| lcg(&mut s)).collect();
    (a, b)
}

#[test]
fn dot_matches_precise() {
    std::env::set_var("VECDOT_FORCE_PORTABLE", "1");
    for n in [0, 1, 7, 8, 9, 63, 64, 65, 768, 1536] {
        let (a, b) = vecs(n, n as u64 + 1);
        let fast = dot(&a, &b) as f64;
        let exact = dot_precise(&a, &b);
        assert!((fast - exact).abs() <= 1e-4 * (1.0 + exact.abs()), "n={n}");
    }
}

#[test]
fn l2_symmetry() {
    let (a, b) = vecs(300, 9);
    assert_eq!(l2_sq(&a, &b), l2_sq(&b, &a));
    assert_eq!(l2_sq(&a, &a), 0.0);
}

#[test]
fn cosine_bounds() {
    let (a, _) = vecs(128, 3);
    assert!((cosine(&a, &a) - 1.0).abs() < 1e-5);
    let neg: Vec<f32> = a.iter().map(|x| -x).collect();
    assert!((cosine(&a, &neg) + 1.0).abs() < 1e-5);
}

#[test]
fn top_k_matches_bruteforce() {
    let dim = 96;
    let mut s = 42u64;
    let corpus: Vec<f32> = (0..dim * 500).map(|_| lcg(&mut s)).collect();
    let q: Vec<f32> = (0..dim).map(|_| lcg(&mut s)).collect();
    let hits = top_k(&q, &corpus, dim, 5, Metric::Dot);
    let mut all: Vec<(usize, f32)> =
        corpus.chunks_exact(dim).map(|r| dot(&q, r)).enumerate().collect();
    all.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap());
    let want: Vec<usize> = all.iter().take(5).map(|x| x.0).collect();
    assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), want);
}
