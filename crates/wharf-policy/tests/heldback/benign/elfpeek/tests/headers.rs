//! Parses tiny hand-made ELF images. They are never executed.

use elfpeek::{machine_name, parse_header, program_headers, Class};

static X86_64: &[u8] = include_bytes!("data/tiny-x86_64.elf");
static ARM: &[u8] = include_bytes!("data/tiny-arm.elf");

#[test]
fn x86_64_header() {
    let h = parse_header(X86_64).unwrap();
    assert_eq!(h.class, Class::Elf64);
    assert_eq!(machine_name(h.machine), "x86_64");
    assert_eq!(h.entry, 0x400078);
    let ph = program_headers(X86_64, &h).unwrap();
    assert_eq!(ph.len(), 1);
    assert_eq!(ph[0].p_type, 1);
}

#[test]
fn arm_header() {
    let h = parse_header(ARM).unwrap();
    assert_eq!(h.class, Class::Elf32);
    assert_eq!(machine_name(h.machine), "arm");
}

#[test]
fn rejects_non_elf() {
    assert!(parse_header(b"MZ\x90\x00").is_err());
}
