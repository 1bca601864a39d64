use std::time::Instant;

fn main() {
    let hay: Vec<u8> = (0..(64 << 20)).map(|i| b"lorem ipsum dolor sit amet\n"[i % 27]).collect();
    let t = Instant::now();
    let n = bytescan::count_byte(b'\n', &hay);
    let dt = t.elapsed();
    println!("count_byte: {n} in {:?} ({:.2} GiB/s)", dt, hay.len() as f64 / dt.as_secs_f64() / (1u64 << 30) as f64);
    let t = Instant::now();
    let p = bytescan::find_byte(b'#', &hay);
    println!("find_byte miss: {:?} in {:?}", p, t.elapsed());
}
