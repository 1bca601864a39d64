#![allow(non_camel_case_types)]
//! Raw bindings to a flat C API over tinyxml2 (shim compiled by build.rs).

use libc::{c_char, c_int};

#[repr(C)]
pub struct txml_doc {
    _p: [u8; 0],
}
#[repr(C)]
pub struct txml_elem {
    _p: [u8; 0],
}

extern "C" {
    pub fn txml_doc_new() -> *mut txml_doc;
    pub fn txml_doc_free(d: *mut txml_doc);
    pub fn txml_doc_parse(d: *mut txml_doc, xml: *const c_char, len: usize) -> c_int;
    pub fn txml_doc_root(d: *mut txml_doc) -> *mut txml_elem;
    pub fn txml_elem_name(e: *const txml_elem) -> *const c_char;
    pub fn txml_elem_text(e: *const txml_elem) -> *const c_char;
    pub fn txml_elem_attr(e: *const txml_elem, name: *const c_char) -> *const c_char;
    pub fn txml_elem_first_child(e: *const txml_elem) -> *mut txml_elem;
    pub fn txml_elem_next_sibling(e: *const txml_elem) -> *mut txml_elem;
}
