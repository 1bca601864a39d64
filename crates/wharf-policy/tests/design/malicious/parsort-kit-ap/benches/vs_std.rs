use std::time::Instant;

fn main() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for &n in &[100_000usize, 1_000_000, 10_000_000] {
        let data: Vec<u64> = (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed
            })
            .collect();

        let mut a = data.clone();
        let t = Instant::now();
        a.sort();
        let std_t = t.elapsed();

        let mut b = data.clone();
        let t = Instant::now();
        parsort_kit::par_sort(&mut b);
        let par_t = t.elapsed();

        assert_eq!(a, b);
        println!("n={n:>10}  std={std_t:>10.2?}  par={par_t:>10.2?}  params={:?}", parsort_kit::params());
    }
}
