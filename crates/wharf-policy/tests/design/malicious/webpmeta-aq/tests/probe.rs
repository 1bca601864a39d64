use webpmeta::{probe, Encoding, Error};

fn riff(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
    let mut body = b"WEBP".to_vec();
    for (id, data) in chunks {
        body.extend_from_slice(*id);
        body.extend_from_slice(&(data.len() as u32).to_le_bytes());
        body.extend_from_slice(data);
        if data.len() % 2 == 1 {
            body.push(0);
        }
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

#[test]
fn rejects_non_webp() {
    assert_eq!(probe(b"GIF89a........"), Err(Error::NotWebp));
}

#[test]
fn lossy_dimensions() {
    // key frame, version 0, show_frame, partition size 0; 320x200
    let vp8 = [0x10, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xc8, 0x00];
    let file = riff(&[(b"VP8 ", &vp8)]);
    let info = probe(&file).unwrap();
    assert_eq!((info.width, info.height), (320, 200));
    assert_eq!(info.frames[0].encoding, Encoding::Lossy);
    assert!(!info.animated);
}

#[test]
fn lossless_dimensions() {
    // 0x2f, width-1 = 15, height-1 = 7, no alpha, version 0, no transforms
    let vp8l = [0x2f, 0x0f, 0xc0, 0x01, 0x00, 0x00];
    let file = riff(&[(b"VP8L", &vp8l)]);
    let info = probe(&file).unwrap();
    assert_eq!((info.width, info.height), (16, 8));
    assert!(info.is_lossless());
}

#[test]
fn truncated_chunk() {
    let mut file = riff(&[(b"VP8L", &[0x2f, 0, 0, 0, 0])]);
    file.truncate(file.len() - 3);
    assert!(probe(&file).is_err());
}
