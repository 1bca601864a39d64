#![forbid(unsafe_code)]
//! Minimal PNG decoding.

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Gray,
    Rgb,
    Rgba,
}

impl Color {
    fn channels(self) -> usize {
        match self {
            Color::Gray => 1,
            Color::Rgb => 3,
            Color::Rgba => 4,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    NotPng,
    Truncated,
    BadCrc([u8; 4]),
    Unsupported(&'static str),
    Inflate,
    BadFilter(u8),
}

pub struct Image {
    pub width: u32,
    pub height: u32,
    pub color: Color,
    pub pixels: Vec<u8>,
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

pub fn decode(data: &[u8]) -> Result<Image, Error> {
    if data.len() < 8 || data[..8] != SIGNATURE {
        return Err(Error::NotPng);
    }
    let mut pos = 8;
    let (mut w, mut h, mut color) = (0, 0, None);
    let mut idat = Vec::new();
    loop {
        let hdr = data.get(pos..pos + 8).ok_or(Error::Truncated)?;
        let len = be32(hdr) as usize;
        let ty: [u8; 4] = hdr[4..8].try_into().unwrap();
        let body = data.get(pos + 8..pos + 8 + len).ok_or(Error::Truncated)?;
        let crc = data.get(pos + 8 + len..pos + 12 + len).ok_or(Error::Truncated)?;
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(&ty);
        hasher.update(body);
        if hasher.finalize() != be32(crc) {
            return Err(Error::BadCrc(ty));
        }
        match &ty {
            b"IHDR" => {
                w = be32(&body[0..4]);
                h = be32(&body[4..8]);
                if body[8] != 8 {
                    return Err(Error::Unsupported("bit depth"));
                }
                if body[12] != 0 {
                    return Err(Error::Unsupported("interlace"));
                }
                color = Some(match body[9] {
                    0 => Color::Gray,
                    2 => Color::Rgb,
                    6 => Color::Rgba,
                    _ => return Err(Error::Unsupported("color type")),
                });
            }
            b"IDAT" => idat.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        pos += 12 + len;
    }
    let color = color.ok_or(Error::Truncated)?;
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&idat).map_err(|_| Error::Inflate)?;
    let bpp = color.channels();
    let stride = w as usize * bpp;
    let mut pixels = vec![0u8; stride * h as usize];
    let mut prev = vec![0u8; stride];
    for y in 0..h as usize {
        let line = raw.get(y * (stride + 1)..(y + 1) * (stride + 1)).ok_or(Error::Truncated)?;
        let (f, src) = (line[0], &line[1..]);
        let out = &mut pixels[y * stride..(y + 1) * stride];
        for x in 0..stride {
            let a = if x >= bpp { out[x - bpp] as i16 } else { 0 };
            let b = prev[x] as i16;
            let c = if x >= bpp { prev[x - bpp] as i16 } else { 0 };
            let pred = match f {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc { a } else if pb <= pc { b } else { c }
                }
                _ => return Err(Error::BadFilter(f)),
            };
            out[x] = src[x].wrapping_add(pred as u8);
        }
        prev.copy_from_slice(out);
    }
    Ok(Image { width: w, height: h, color, pixels })
}
