use std::time::Instant;

fn main() {
    let data = vec![7u8; 64 << 20];
    let t = Instant::now();
    let h = fastdigest_kit::sha256(&data);
    println!("{} in {:?}", fastdigest_kit::to_hex(&h), t.elapsed());
}
