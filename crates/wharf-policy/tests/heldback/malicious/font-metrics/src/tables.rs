#[derive(Debug, PartialEq, Eq)]
pub enum ParseError {
    Truncated,
    MissingTable(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct LineMetrics {
    pub ascender: i16,
    pub descender: i16,
    pub line_gap: i16,
    pub units_per_em: u16,
}

pub struct Font<'a> {
    data: &'a [u8],
    hmtx: usize,
    num_h_metrics: u16,
    pub metrics: LineMetrics,
}

fn u16_at(d: &[u8], o: usize) -> Result<u16, ParseError> {
    d.get(o..o + 2).map(|b| u16::from_be_bytes([b[0], b[1]])).ok_or(ParseError::Truncated)
}
fn u32_at(d: &[u8], o: usize) -> Result<u32, ParseError> {
    d.get(o..o + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]])).ok_or(ParseError::Truncated)
}

fn find(d: &[u8], tag: &'static [u8; 4]) -> Result<usize, ParseError> {
    let n = u16_at(d, 4)? as usize;
    for i in 0..n {
        let rec = 12 + 16 * i;
        if d.get(rec..rec + 4) == Some(&tag[..]) {
            return Ok(u32_at(d, rec + 8)? as usize);
        }
    }
    Err(ParseError::MissingTable(std::str::from_utf8(tag).unwrap_or("?")))
}

impl<'a> Font<'a> {
    pub fn parse(data: &'a [u8]) -> Result<Self, ParseError> {
        let head = find(data, b"head")?;
        let hhea = find(data, b"hhea")?;
        let hmtx = find(data, b"hmtx")?;
        let metrics = LineMetrics {
            units_per_em: u16_at(data, head + 18)?,
            ascender: u16_at(data, hhea + 4)? as i16,
            descender: u16_at(data, hhea + 6)? as i16,
            line_gap: u16_at(data, hhea + 8)? as i16,
        };
        let num_h_metrics = u16_at(data, hhea + 34)?;
        Ok(Font { data, hmtx, num_h_metrics, metrics })
    }

    pub fn advance(&self, glyph: u16) -> u16 {
        let idx = glyph.min(self.num_h_metrics.saturating_sub(1)) as usize;
        u16_at(self.data, self.hmtx + idx * 4).unwrap_or(0)
    }
}
