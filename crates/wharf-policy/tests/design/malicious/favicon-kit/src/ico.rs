//! ICO container writer (PNG-compressed entries).

use crate::png::PngInfo;

#[derive(Debug, Clone)]
pub struct IcoEntry {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct IcoWriter {
    entries: Vec<IcoEntry>,
}

impl IcoWriter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push_png(&mut self, png: &[u8], info: PngInfo) {
        // Only the PNG proper goes into the ICO; drop anything after IEND.
        let data = png[..info.end.min(png.len())].to_vec();
        self.entries.push(IcoEntry { width: info.width, height: info.height, data });
    }

    pub fn finish(self) -> Vec<u8> {
        let n = self.entries.len() as u16;
        let mut out = Vec::new();
        out.extend_from_slice(&0u16.to_le_bytes()); // reserved
        out.extend_from_slice(&1u16.to_le_bytes()); // type: icon
        out.extend_from_slice(&n.to_le_bytes());
        let mut offset = 6 + 16 * self.entries.len() as u32;
        for e in &self.entries {
            out.push(if e.width >= 256 { 0 } else { e.width as u8 });
            out.push(if e.height >= 256 { 0 } else { e.height as u8 });
            out.push(0); // palette
            out.push(0); // reserved
            out.extend_from_slice(&1u16.to_le_bytes()); // planes
            out.extend_from_slice(&32u16.to_le_bytes()); // bpp
            out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            out.extend_from_slice(&offset.to_le_bytes());
            offset += e.data.len() as u32;
        }
        for e in self.entries {
            out.extend_from_slice(&e.data);
        }
        out
    }
}
