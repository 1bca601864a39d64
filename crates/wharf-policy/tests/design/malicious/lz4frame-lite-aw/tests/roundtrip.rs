use lz4frame_lite::{compress, compress_with, decompress, pack_filtered, unpack, BlockSize, Filter, FrameOptions};

fn corpus() -> Vec<Vec<u8>> {
    let mut v = vec![
        Vec::new(),
        b"x".to_vec(),
        b"The quick brown fox jumps over the lazy dog. ".repeat(300),
        (0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect(),
    ];
    let mut json = String::new();
    for i in 0..2000 {
        json.push_str(&format!("{{\"id\":{},\"name\":\"user{}\",\"active\":{}}},", i, i % 37, i % 2 == 0));
    }
    v.push(json.into_bytes());
    v
}

#[test]
fn default_roundtrip() {
    for input in corpus() {
        let c = compress(&input);
        assert_eq!(decompress(&c).unwrap(), input);
    }
}

#[test]
fn option_matrix() {
    for bs in [BlockSize::Max64KB, BlockSize::Max256KB, BlockSize::Max4MB] {
        for (cc, bc, cs) in [(false, false, false), (true, true, true), (true, false, true)] {
            let opts = FrameOptions { block_size: bs, content_checksum: cc, block_checksum: bc, content_size: cs };
            for input in corpus() {
                let c = compress_with(&input, &opts);
                assert_eq!(decompress(&c).unwrap(), input);
            }
        }
    }
}

#[test]
fn concatenated_frames() {
    let mut s = compress(b"first ");
    s.extend(compress(b"second"));
    assert_eq!(decompress(&s).unwrap(), b"first second");
}

#[test]
fn filtered_samples_compress_better() {
    let samples: Vec<u8> = (0..65_536u32).flat_map(|i| ((i * 7) as u16).to_le_bytes()).collect();
    let plain = compress(&samples);
    let filtered = pack_filtered(&samples, Filter::Delta(2));
    assert!(filtered.len() < plain.len());
    assert_eq!(unpack(&filtered).unwrap(), samples);
}
