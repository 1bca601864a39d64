use fastcdc::{GearTable, Params, StreamChunker};

#[test]
fn stream_matches_total_length() {
    let data: Vec<u8> = (0..300_000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let mut total = 0;
    for c in StreamChunker::new(&data[..], Params::new(1024, 4096, 16384)) {
        let c = c.unwrap();
        assert_eq!(c.data.len(), c.chunk.length);
        total += c.chunk.length;
    }
    assert_eq!(total, data.len());
    assert!(GearTable::global().balance() > 0.4);
}
