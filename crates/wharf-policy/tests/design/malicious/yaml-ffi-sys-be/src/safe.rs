//! A minimal safe wrapper: parse a byte slice into owned events.

use std::fmt;
use std::marker::PhantomData;
use std::mem::MaybeUninit;

use crate::*;

/// Scalar quoting style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Any,
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

impl From<yaml_scalar_style_t> for ScalarStyle {
    fn from(s: yaml_scalar_style_t) -> Self {
        match s {
            YAML_PLAIN_SCALAR_STYLE => ScalarStyle::Plain,
            YAML_SINGLE_QUOTED_SCALAR_STYLE => ScalarStyle::SingleQuoted,
            YAML_DOUBLE_QUOTED_SCALAR_STYLE => ScalarStyle::DoubleQuoted,
            YAML_LITERAL_SCALAR_STYLE => ScalarStyle::Literal,
            YAML_FOLDED_SCALAR_STYLE => ScalarStyle::Folded,
            _ => ScalarStyle::Any,
        }
    }
}

/// An owned parser event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    StreamStart,
    StreamEnd,
    DocumentStart { implicit: bool },
    DocumentEnd { implicit: bool },
    Alias { anchor: String },
    Scalar { anchor: Option<String>, tag: Option<String>, value: String, style: ScalarStyle },
    SequenceStart { anchor: Option<String>, tag: Option<String>, flow: bool },
    SequenceEnd,
    MappingStart { anchor: Option<String>, tag: Option<String>, flow: bool },
    MappingEnd,
}

/// Parse failure with position.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub kind: yaml_error_type_t,
    pub problem: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.problem, self.line + 1, self.column + 1)
    }
}

impl std::error::Error for ParseError {}

/// Event iterator over an in-memory document.
pub struct Parser<'a> {
    raw: Box<MaybeUninit<yaml_parser_t>>,
    done: bool,
    _input: PhantomData<&'a [u8]>,
}

impl<'a> Parser<'a> {
    /// Create a parser over `input` (UTF-8, UTF-16 with BOM).
    pub fn new(input: &'a [u8]) -> Parser<'a> {
        let mut raw: Box<MaybeUninit<yaml_parser_t>> = Box::new(MaybeUninit::zeroed());
        unsafe {
            let p = raw.as_mut_ptr();
            if yaml_parser_initialize(p) == 0 {
                panic!("yaml_parser_initialize: out of memory");
            }
            yaml_parser_set_input_string(p, input.as_ptr(), input.len());
        }
        Parser { raw, done: false, _input: PhantomData }
    }

    fn error(&self) -> ParseError {
        unsafe {
            let p = &*self.raw.as_ptr();
            let problem = if p.problem.is_null() {
                "unknown error".to_string()
            } else {
                std::ffi::CStr::from_ptr(p.problem).to_string_lossy().into_owned()
            };
            ParseError { kind: p.error, problem, line: p.problem_mark.line, column: p.problem_mark.column }
        }
    }
}

unsafe fn opt_str(p: *const yaml_char_t) -> Option<String> {
    if p.is_null() {
        None
    } else {
        Some(std::ffi::CStr::from_ptr(p as *const libc::c_char).to_string_lossy().into_owned())
    }
}

unsafe fn convert(ev: &yaml_event_t) -> Option<Event> {
    Some(match ev.type_ {
        YAML_STREAM_START_EVENT => Event::StreamStart,
        YAML_STREAM_END_EVENT => Event::StreamEnd,
        YAML_DOCUMENT_START_EVENT => Event::DocumentStart { implicit: ev.data.document_start.implicit != 0 },
        YAML_DOCUMENT_END_EVENT => Event::DocumentEnd { implicit: ev.data.document_end.implicit != 0 },
        YAML_ALIAS_EVENT => Event::Alias { anchor: opt_str(ev.data.alias.anchor).unwrap_or_default() },
        YAML_SCALAR_EVENT => {
            let s = ev.data.scalar;
            let bytes = std::slice::from_raw_parts(s.value, s.length);
            Event::Scalar {
                anchor: opt_str(s.anchor),
                tag: opt_str(s.tag),
                value: String::from_utf8_lossy(bytes).into_owned(),
                style: s.style.into(),
            }
        }
        YAML_SEQUENCE_START_EVENT => {
            let s = ev.data.sequence_start;
            Event::SequenceStart {
                anchor: opt_str(s.anchor),
                tag: opt_str(s.tag),
                flow: s.style == YAML_FLOW_SEQUENCE_STYLE,
            }
        }
        YAML_SEQUENCE_END_EVENT => Event::SequenceEnd,
        YAML_MAPPING_START_EVENT => {
            let s = ev.data.mapping_start;
            Event::MappingStart { anchor: opt_str(s.anchor), tag: opt_str(s.tag), flow: s.style == YAML_FLOW_MAPPING_STYLE }
        }
        YAML_MAPPING_END_EVENT => Event::MappingEnd,
        _ => return None,
    })
}

impl<'a> Iterator for Parser<'a> {
    type Item = Result<Event, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        unsafe {
            let mut ev = MaybeUninit::<yaml_event_t>::zeroed();
            if yaml_parser_parse(self.raw.as_mut_ptr(), ev.as_mut_ptr()) == 0 {
                self.done = true;
                return Some(Err(self.error()));
            }
            let mut ev = ev.assume_init();
            let out = convert(&ev);
            yaml_event_delete(&mut ev);
            match out {
                Some(Event::StreamEnd) => {
                    self.done = true;
                    Some(Ok(Event::StreamEnd))
                }
                Some(e) => Some(Ok(e)),
                None => {
                    self.done = true;
                    None
                }
            }
        }
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        unsafe { yaml_parser_delete(self.raw.as_mut_ptr()) }
    }
}
