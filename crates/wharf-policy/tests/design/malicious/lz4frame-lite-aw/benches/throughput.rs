use std::time::Instant;

fn main() {
    let mut data = Vec::new();
    for i in 0..200_000u32 {
        data.extend_from_slice(format!("{:08} INFO request served in {}ms\n", i, i % 97).as_bytes());
    }
    let t = Instant::now();
    let packed = lz4frame_lite::compress(&data);
    let ct = t.elapsed();
    let t = Instant::now();
    let back = lz4frame_lite::decompress(&packed).unwrap();
    let dt = t.elapsed();
    assert_eq!(back.len(), data.len());
    let mb = data.len() as f64 / 1e6;
    println!(
        "kernel={} ratio={:.2} compress={:.0} MB/s decompress={:.0} MB/s",
        lz4frame_lite::active_kernel(),
        data.len() as f64 / packed.len() as f64,
        mb / ct.as_secs_f64(),
        mb / dt.as_secs_f64()
    );
}
