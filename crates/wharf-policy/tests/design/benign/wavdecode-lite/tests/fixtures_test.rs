use wavdecode_lite::{decode, Error};

#[test]
fn u8_mono() {
    let w = decode(include_bytes!("fixtures/sine440_mono_u8_8k.wav")).unwrap();
    assert_eq!((w.sample_rate, w.channels, w.bits), (8000, 1, 8));
    assert_eq!(w.frames(), 2000);
}

#[test]
fn s16_stereo() {
    let w = decode(include_bytes!("fixtures/sine440_stereo_s16_16k.wav")).unwrap();
    assert_eq!((w.sample_rate, w.channels, w.bits), (16000, 2, 16));
    let peak = w.samples.iter().fold(0f32, |m, s| m.max(s.abs()));
    assert!((peak - 0.5).abs() < 0.01);
}

#[test]
fn s24_mono() {
    let w = decode(include_bytes!("fixtures/sine1k_mono_s24_8k.wav")).unwrap();
    assert_eq!(w.bits, 24);
    assert_eq!(w.frames(), 800);
}

#[test]
fn truncated() {
    assert_eq!(decode(include_bytes!("fixtures/truncated.wav")).unwrap_err(), Error::Truncated);
}
