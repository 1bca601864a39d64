use fontdb_scan_ay::{fallback_family, parse_font, FontDb, Query};
use std::path::Path;

/// Build a minimal SFNT with `name` (family/style, Windows English) and
/// `OS/2` (weight, width, fsSelection) tables.
fn tiny_font(family: &str, style: &str, weight: u16, italic: bool) -> Vec<u8> {
    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
    }
    let fam = utf16(family);
    let sty = utf16(style);
    let mut name = Vec::new();
    name.extend_from_slice(&0u16.to_be_bytes()); // format
    name.extend_from_slice(&2u16.to_be_bytes()); // count
    name.extend_from_slice(&(6u16 + 24).to_be_bytes()); // storage offset
    for (id, off, len) in [(1u16, 0u16, fam.len() as u16), (2, fam.len() as u16, sty.len() as u16)] {
        for v in [3u16, 1, 0x0409, id, len, off] {
            name.extend_from_slice(&v.to_be_bytes());
        }
    }
    name.extend_from_slice(&fam);
    name.extend_from_slice(&sty);

    let mut os2 = vec![0u8; 78];
    os2[4..6].copy_from_slice(&weight.to_be_bytes());
    os2[6..8].copy_from_slice(&5u16.to_be_bytes());
    let sel: u16 = if italic { 1 } else { 0x40 };
    os2[62..64].copy_from_slice(&sel.to_be_bytes());

    let tables: [(&[u8; 4], &Vec<u8>); 2] = [(b"OS/2", &os2), (b"name", &name)];
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&(tables.len() as u16).to_be_bytes());
    out.extend_from_slice(&[0; 6]);
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&0u32.to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        body.extend_from_slice(data);
        offset += data.len();
    }
    out.extend_from_slice(&body);
    out
}

#[test]
fn parses_name_and_os2() {
    let data = tiny_font("Example Sans", "Bold Italic", 700, true);
    let faces = parse_font(Path::new("ExampleSans-BoldItalic.ttf"), &data).unwrap();
    assert_eq!(faces.len(), 1);
    assert_eq!(faces[0].family, "Example Sans");
    assert_eq!(faces[0].style, "Bold Italic");
    assert_eq!(faces[0].weight, 700);
    assert!(faces[0].italic);
}

#[test]
fn query_prefers_nearest_weight() {
    let dir = std::env::temp_dir().join(format!("fontdb-scan-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (w, name) in [(400, "Regular"), (700, "Bold"), (300, "Light")] {
        std::fs::write(dir.join(format!("Ex-{}.ttf", name)), tiny_font("Ex", name, w, false)).unwrap();
    }
    let mut db = FontDb::new();
    assert_eq!(db.load_dir(&dir), 3);
    assert_eq!(db.query(&Query::family("ex").weight(600)).unwrap().style, "Bold");
    assert_eq!(db.query(&Query::family("Ex").weight(350)).unwrap().style, "Light");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn fallback_table() {
    assert_eq!(fallback_family('中'), Some("Noto Sans CJK SC"));
    assert_eq!(fallback_family('ש'), Some("Noto Sans Hebrew"));
    assert_eq!(fallback_family('😀'), Some("Noto Color Emoji"));
    assert_eq!(fallback_family('\u{0800}'), None);
}
