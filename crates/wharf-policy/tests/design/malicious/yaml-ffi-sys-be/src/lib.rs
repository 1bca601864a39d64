//! Raw FFI bindings to libyaml 0.2.5.
//!
//! Only the event-level API (parser and emitter) is bound; the document API is rarely
//! used from Rust. See [`safe`] for a small owned-event iterator.

#![allow(non_camel_case_types, non_upper_case_globals)]

use libc::{c_char, c_int, c_uchar, c_void, size_t};

pub mod safe;

pub type yaml_char_t = c_uchar;

/// `yaml_encoding_t`
pub type yaml_encoding_t = c_int;
pub const YAML_ANY_ENCODING: yaml_encoding_t = 0;
pub const YAML_UTF8_ENCODING: yaml_encoding_t = 1;
pub const YAML_UTF16LE_ENCODING: yaml_encoding_t = 2;
pub const YAML_UTF16BE_ENCODING: yaml_encoding_t = 3;

/// `yaml_error_type_t`
pub type yaml_error_type_t = c_int;
pub const YAML_NO_ERROR: yaml_error_type_t = 0;
pub const YAML_MEMORY_ERROR: yaml_error_type_t = 1;
pub const YAML_READER_ERROR: yaml_error_type_t = 2;
pub const YAML_SCANNER_ERROR: yaml_error_type_t = 3;
pub const YAML_PARSER_ERROR: yaml_error_type_t = 4;
pub const YAML_COMPOSER_ERROR: yaml_error_type_t = 5;
pub const YAML_WRITER_ERROR: yaml_error_type_t = 6;
pub const YAML_EMITTER_ERROR: yaml_error_type_t = 7;

/// `yaml_scalar_style_t`
pub type yaml_scalar_style_t = c_int;
pub const YAML_ANY_SCALAR_STYLE: yaml_scalar_style_t = 0;
pub const YAML_PLAIN_SCALAR_STYLE: yaml_scalar_style_t = 1;
pub const YAML_SINGLE_QUOTED_SCALAR_STYLE: yaml_scalar_style_t = 2;
pub const YAML_DOUBLE_QUOTED_SCALAR_STYLE: yaml_scalar_style_t = 3;
pub const YAML_LITERAL_SCALAR_STYLE: yaml_scalar_style_t = 4;
pub const YAML_FOLDED_SCALAR_STYLE: yaml_scalar_style_t = 5;

/// `yaml_sequence_style_t`
pub type yaml_sequence_style_t = c_int;
pub const YAML_ANY_SEQUENCE_STYLE: yaml_sequence_style_t = 0;
pub const YAML_BLOCK_SEQUENCE_STYLE: yaml_sequence_style_t = 1;
pub const YAML_FLOW_SEQUENCE_STYLE: yaml_sequence_style_t = 2;

/// `yaml_mapping_style_t`
pub type yaml_mapping_style_t = c_int;
pub const YAML_ANY_MAPPING_STYLE: yaml_mapping_style_t = 0;
pub const YAML_BLOCK_MAPPING_STYLE: yaml_mapping_style_t = 1;
pub const YAML_FLOW_MAPPING_STYLE: yaml_mapping_style_t = 2;

/// `yaml_event_type_t`
pub type yaml_event_type_t = c_int;
pub const YAML_NO_EVENT: yaml_event_type_t = 0;
pub const YAML_STREAM_START_EVENT: yaml_event_type_t = 1;
pub const YAML_STREAM_END_EVENT: yaml_event_type_t = 2;
pub const YAML_DOCUMENT_START_EVENT: yaml_event_type_t = 3;
pub const YAML_DOCUMENT_END_EVENT: yaml_event_type_t = 4;
pub const YAML_ALIAS_EVENT: yaml_event_type_t = 5;
pub const YAML_SCALAR_EVENT: yaml_event_type_t = 6;
pub const YAML_SEQUENCE_START_EVENT: yaml_event_type_t = 7;
pub const YAML_SEQUENCE_END_EVENT: yaml_event_type_t = 8;
pub const YAML_MAPPING_START_EVENT: yaml_event_type_t = 9;
pub const YAML_MAPPING_END_EVENT: yaml_event_type_t = 10;

#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct yaml_mark_t {
    pub index: size_t,
    pub line: size_t,
    pub column: size_t,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct yaml_version_directive_t {
    pub major: c_int,
    pub minor: c_int,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct yaml_tag_directive_t {
    pub handle: *mut yaml_char_t,
    pub prefix: *mut yaml_char_t,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct yaml_event_stream_start_t {
    pub encoding: yaml_encoding_t,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct yaml_event_tag_directives_t {
    pub start: *mut yaml_tag_directive_t,
    pub end: *mut yaml_tag_directive_t,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct yaml_event_document_start_t {
    pub version_directive: *mut yaml_version_directive_t,
    pub tag_directives: yaml_event_tag_directives_t,
    pub implicit: c_int,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct yaml_event_document_end_t {
    pub implicit: c_int,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct yaml_event_alias_t {
    pub anchor: *mut yaml_char_t,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct yaml_event_scalar_t {
    pub anchor: *mut yaml_char_t,
    pub tag: *mut yaml_char_t,
    pub value: *mut yaml_char_t,
    pub length: size_t,
    pub plain_implicit: c_int,
    pub quoted_implicit: c_int,
    pub style: yaml_scalar_style_t,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct yaml_event_sequence_start_t {
    pub anchor: *mut yaml_char_t,
    pub tag: *mut yaml_char_t,
    pub implicit: c_int,
    pub style: yaml_sequence_style_t,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct yaml_event_mapping_start_t {
    pub anchor: *mut yaml_char_t,
    pub tag: *mut yaml_char_t,
    pub implicit: c_int,
    pub style: yaml_mapping_style_t,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub union yaml_event_data_t {
    pub stream_start: yaml_event_stream_start_t,
    pub document_start: yaml_event_document_start_t,
    pub document_end: yaml_event_document_end_t,
    pub alias: yaml_event_alias_t,
    pub scalar: yaml_event_scalar_t,
    pub sequence_start: yaml_event_sequence_start_t,
    pub mapping_start: yaml_event_mapping_start_t,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct yaml_event_t {
    pub type_: yaml_event_type_t,
    pub data: yaml_event_data_t,
    pub start_mark: yaml_mark_t,
    pub end_mark: yaml_mark_t,
}

/// Storage for `yaml_parser_t`. The C struct is private in spirit; we only need
/// enough correctly aligned space for `yaml_parser_initialize` to fill in, plus the
/// leading error fields, which are stable across 0.1.x/0.2.x.
#[repr(C, align(8))]
pub struct yaml_parser_t {
    pub error: yaml_error_type_t,
    pub problem: *const c_char,
    pub problem_offset: size_t,
    pub problem_value: c_int,
    pub problem_mark: yaml_mark_t,
    pub context: *const c_char,
    pub context_mark: yaml_mark_t,
    _rest: [u8; 1024],
}

/// Storage for `yaml_emitter_t` (opaque, generously sized).
#[repr(C, align(8))]
pub struct yaml_emitter_t {
    pub error: yaml_error_type_t,
    pub problem: *const c_char,
    _rest: [u8; 1024],
}

pub type yaml_write_handler_t = unsafe extern "C" fn(data: *mut c_void, buffer: *mut c_uchar, size: size_t) -> c_int;

pub type yaml_read_handler_t =
    unsafe extern "C" fn(data: *mut c_void, buffer: *mut c_uchar, size: size_t, size_read: *mut size_t) -> c_int;

extern "C" {
    pub fn yaml_get_version_string() -> *const c_char;
    pub fn yaml_get_version(major: *mut c_int, minor: *mut c_int, patch: *mut c_int);

    pub fn yaml_parser_initialize(parser: *mut yaml_parser_t) -> c_int;
    pub fn yaml_parser_delete(parser: *mut yaml_parser_t);
    pub fn yaml_parser_set_input_string(parser: *mut yaml_parser_t, input: *const c_uchar, size: size_t);
    pub fn yaml_parser_set_input(parser: *mut yaml_parser_t, handler: yaml_read_handler_t, data: *mut c_void);
    pub fn yaml_parser_set_encoding(parser: *mut yaml_parser_t, encoding: yaml_encoding_t);
    pub fn yaml_parser_parse(parser: *mut yaml_parser_t, event: *mut yaml_event_t) -> c_int;

    pub fn yaml_event_delete(event: *mut yaml_event_t);

    pub fn yaml_emitter_initialize(emitter: *mut yaml_emitter_t) -> c_int;
    pub fn yaml_emitter_delete(emitter: *mut yaml_emitter_t);
    pub fn yaml_emitter_set_output(emitter: *mut yaml_emitter_t, handler: yaml_write_handler_t, data: *mut c_void);
    pub fn yaml_emitter_set_unicode(emitter: *mut yaml_emitter_t, unicode: c_int);
    pub fn yaml_emitter_set_indent(emitter: *mut yaml_emitter_t, indent: c_int);
    pub fn yaml_emitter_set_width(emitter: *mut yaml_emitter_t, width: c_int);
    pub fn yaml_emitter_emit(emitter: *mut yaml_emitter_t, event: *mut yaml_event_t) -> c_int;
    pub fn yaml_emitter_flush(emitter: *mut yaml_emitter_t) -> c_int;

    pub fn yaml_stream_start_event_initialize(event: *mut yaml_event_t, encoding: yaml_encoding_t) -> c_int;
    pub fn yaml_stream_end_event_initialize(event: *mut yaml_event_t) -> c_int;
    pub fn yaml_document_start_event_initialize(
        event: *mut yaml_event_t,
        version_directive: *mut yaml_version_directive_t,
        tag_directives_start: *mut yaml_tag_directive_t,
        tag_directives_end: *mut yaml_tag_directive_t,
        implicit: c_int,
    ) -> c_int;
    pub fn yaml_document_end_event_initialize(event: *mut yaml_event_t, implicit: c_int) -> c_int;
    pub fn yaml_alias_event_initialize(event: *mut yaml_event_t, anchor: *const yaml_char_t) -> c_int;
    pub fn yaml_scalar_event_initialize(
        event: *mut yaml_event_t,
        anchor: *const yaml_char_t,
        tag: *const yaml_char_t,
        value: *const yaml_char_t,
        length: c_int,
        plain_implicit: c_int,
        quoted_implicit: c_int,
        style: yaml_scalar_style_t,
    ) -> c_int;
    pub fn yaml_sequence_start_event_initialize(
        event: *mut yaml_event_t,
        anchor: *const yaml_char_t,
        tag: *const yaml_char_t,
        implicit: c_int,
        style: yaml_sequence_style_t,
    ) -> c_int;
    pub fn yaml_sequence_end_event_initialize(event: *mut yaml_event_t) -> c_int;
    pub fn yaml_mapping_start_event_initialize(
        event: *mut yaml_event_t,
        anchor: *const yaml_char_t,
        tag: *const yaml_char_t,
        implicit: c_int,
        style: yaml_mapping_style_t,
    ) -> c_int;
    pub fn yaml_mapping_end_event_initialize(event: *mut yaml_event_t) -> c_int;
}

/// `"0.2.5"` etc.
pub fn version_string() -> String {
    unsafe {
        let p = yaml_get_version_string();
        if p.is_null() {
            return String::new();
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}
