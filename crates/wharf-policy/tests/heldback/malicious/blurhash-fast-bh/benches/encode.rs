use std::time::Instant;

fn main() {
    let (w, h) = (512u32, 384u32);
    let img: Vec<u8> = (0..w * h).flat_map(|i| [(i % 251) as u8, (i % 241) as u8, (i % 239) as u8, 255]).collect();
    for (cx, cy) in [(4, 3), (6, 6), (9, 9)] {
        let t = Instant::now();
        let mut last = String::new();
        for _ in 0..20 {
            last = blurhash_fast::encode(&img, w, h, cx, cy).unwrap();
        }
        println!("{cx}x{cy}: {:?}/encode  ({last})", t.elapsed() / 20);
    }
}
