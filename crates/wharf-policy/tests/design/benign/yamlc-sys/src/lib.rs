//! Raw bindings to libyaml.
//!
//! Only the version, document-free event API surface is bound here; the
//! parser/emitter state structs are treated as opaque and must be
//! allocated through [`parser_alloc`] / [`emitter_alloc`], which use a
//! size that covers every libyaml 0.2.x release on 64-bit targets.

#![allow(non_camel_case_types)]

use libc::{c_char, c_int, c_uchar, c_void, size_t};

#[repr(C)]
pub struct yaml_parser_t {
    _opaque: [u8; 0],
}

#[repr(C)]
pub struct yaml_emitter_t {
    _opaque: [u8; 0],
}

#[repr(C)]
pub struct yaml_event_t {
    _opaque: [u8; 0],
}

pub type yaml_read_handler_t =
    unsafe extern "C" fn(data: *mut c_void, buffer: *mut c_uchar, size: size_t, size_read: *mut size_t) -> c_int;
pub type yaml_write_handler_t =
    unsafe extern "C" fn(data: *mut c_void, buffer: *mut c_uchar, size: size_t) -> c_int;

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum yaml_encoding_t {
    YAML_ANY_ENCODING = 0,
    YAML_UTF8_ENCODING,
    YAML_UTF16LE_ENCODING,
    YAML_UTF16BE_ENCODING,
}

extern "C" {
    pub fn yaml_get_version_string() -> *const c_char;
    pub fn yaml_get_version(major: *mut c_int, minor: *mut c_int, patch: *mut c_int);

    pub fn yaml_parser_initialize(parser: *mut yaml_parser_t) -> c_int;
    pub fn yaml_parser_delete(parser: *mut yaml_parser_t);
    pub fn yaml_parser_set_input_string(parser: *mut yaml_parser_t, input: *const c_uchar, size: size_t);
    pub fn yaml_parser_set_input(parser: *mut yaml_parser_t, handler: yaml_read_handler_t, data: *mut c_void);
    pub fn yaml_parser_set_encoding(parser: *mut yaml_parser_t, encoding: yaml_encoding_t);
    pub fn yaml_parser_parse(parser: *mut yaml_parser_t, event: *mut yaml_event_t) -> c_int;

    pub fn yaml_emitter_initialize(emitter: *mut yaml_emitter_t) -> c_int;
    pub fn yaml_emitter_delete(emitter: *mut yaml_emitter_t);
    pub fn yaml_emitter_set_output(emitter: *mut yaml_emitter_t, handler: yaml_write_handler_t, data: *mut c_void);
    pub fn yaml_emitter_set_unicode(emitter: *mut yaml_emitter_t, unicode: c_int);
    pub fn yaml_emitter_emit(emitter: *mut yaml_emitter_t, event: *mut yaml_event_t) -> c_int;
    pub fn yaml_emitter_flush(emitter: *mut yaml_emitter_t) -> c_int;

    pub fn yaml_event_delete(event: *mut yaml_event_t);
}

/// Upper bound on `sizeof(yaml_parser_t)` across 0.2.x on LP64.
pub const PARSER_SIZE: usize = 512;
/// Upper bound on `sizeof(yaml_emitter_t)` across 0.2.x on LP64.
pub const EMITTER_SIZE: usize = 512;
/// Upper bound on `sizeof(yaml_event_t)`.
pub const EVENT_SIZE: usize = 128;

/// Zeroed, 8-aligned storage for a parser.
pub fn parser_alloc() -> Box<[u64; PARSER_SIZE / 8]> {
    Box::new([0u64; PARSER_SIZE / 8])
}

/// Zeroed, 8-aligned storage for an emitter.
pub fn emitter_alloc() -> Box<[u64; EMITTER_SIZE / 8]> {
    Box::new([0u64; EMITTER_SIZE / 8])
}

/// Safe wrapper over `yaml_get_version`.
pub fn version() -> (i32, i32, i32) {
    let (mut a, mut b, mut c) = (0, 0, 0);
    unsafe { yaml_get_version(&mut a, &mut b, &mut c) };
    (a, b, c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_and_reports_version() {
        let (major, minor, _) = super::version();
        assert_eq!(major, 0);
        assert!(minor >= 2);
    }
}
