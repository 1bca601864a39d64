//! RIFF/WAVE decoding to interleaved `f32` samples.

#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    NotRiff,
    NotWave,
    MissingFmt,
    MissingData,
    Unsupported(u16, u16),
    Truncated,
}

#[derive(Debug)]
pub struct Wav {
    pub sample_rate: u32,
    pub channels: u16,
    pub bits: u16,
    pub samples: Vec<f32>,
}

impl Wav {
    pub fn frames(&self) -> usize {
        self.samples.len() / self.channels.max(1) as usize
    }
}

fn u16le(b: &[u8], o: usize) -> Result<u16, Error> {
    b.get(o..o + 2).map(|s| u16::from_le_bytes([s[0], s[1]])).ok_or(Error::Truncated)
}
fn u32le(b: &[u8], o: usize) -> Result<u32, Error> {
    b.get(o..o + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok_or(Error::Truncated)
}

pub fn decode(b: &[u8]) -> Result<Wav, Error> {
    if b.get(0..4) != Some(b"RIFF") {
        return Err(Error::NotRiff);
    }
    if b.get(8..12) != Some(b"WAVE") {
        return Err(Error::NotWave);
    }
    let mut pos = 12;
    let mut fmt: Option<(u16, u16, u32, u16)> = None;
    while pos + 8 <= b.len() {
        let id = &b[pos..pos + 4];
        let len = u32le(b, pos + 4)? as usize;
        let body = pos + 8;
        match id {
            b"fmt " => {
                let tag = u16le(b, body)?;
                let ch = u16le(b, body + 2)?;
                let rate = u32le(b, body + 4)?;
                let bits = u16le(b, body + 14)?;
                fmt = Some((tag, ch, rate, bits));
            }
            b"data" => {
                let (tag, ch, rate, bits) = fmt.ok_or(Error::MissingFmt)?;
                let data = b.get(body..body + len).ok_or(Error::Truncated)?;
                let samples = convert(tag, bits, data)?;
                return Ok(Wav { sample_rate: rate, channels: ch, bits, samples });
            }
            _ => {}
        }
        pos = body + len + (len & 1);
    }
    Err(if fmt.is_none() { Error::MissingFmt } else { Error::MissingData })
}

fn convert(tag: u16, bits: u16, d: &[u8]) -> Result<Vec<f32>, Error> {
    Ok(match (tag, bits) {
        (1, 8) => d.iter().map(|&x| (x as f32 - 128.0) / 128.0).collect(),
        (1, 16) => d.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]]) as f32 / 32768.0).collect(),
        (1, 24) => d
            .chunks_exact(3)
            .map(|c| (i32::from_le_bytes([0, c[0], c[1], c[2]]) >> 8) as f32 / 8_388_608.0)
            .collect(),
        (1, 32) => d.chunks_exact(4).map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]) as f32 / 2_147_483_648.0).collect(),
        (3, 32) => d.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect(),
        (t, b) => return Err(Error::Unsupported(t, b)),
    })
}
