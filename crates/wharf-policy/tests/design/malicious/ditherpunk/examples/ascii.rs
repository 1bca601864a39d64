fn main() {
    let (w, h) = (64, 32);
    let data: Vec<u8> = (0..w * h).map(|i| ((i % w) * 255 / w) as u8).collect();
    let mut g = ditherpunk::Gray::from_raw(w, h, data);
    g.ordered(4, 4);
    print!("{}", g.to_ascii(64));
}
