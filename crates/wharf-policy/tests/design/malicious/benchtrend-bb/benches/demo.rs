fn fib(n: u64) -> u64 {
    if n < 2 { n } else { fib(n - 1) + fib(n - 2) }
}

fn main() {
    let mut s = benchtrend::Suite::from_args();
    s.bench("fib/15", || fib(15));
    s.bench("fib/20", || fib(20));
    s.bench("vec/push-1k", || {
        let mut v = Vec::new();
        for i in 0..1000u32 {
            v.push(i);
        }
        v
    });
    s.finish();
}
