use phash_image::{GrayImage, HashKind, Hasher};
use std::time::Instant;

fn main() {
    let (w, h) = (640, 480);
    let px: Vec<u8> = (0..w * h).map(|i| ((i * 31) % 251) as u8).collect();
    let img = GrayImage::new(w as u32, h as u32, px);
    for kind in [HashKind::Average, HashKind::Difference, HashKind::Perceptual] {
        let hasher = Hasher::new(kind);
        let t = Instant::now();
        for _ in 0..200 {
            std::hint::black_box(hasher.hash(&img));
        }
        println!("{:?}: {:?}/hash", kind, t.elapsed() / 200);
    }
}
