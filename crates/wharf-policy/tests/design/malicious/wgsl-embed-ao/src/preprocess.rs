//! `#include` / `#define` preprocessing and minification.

use crate::Error;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Result of preprocessing one shader.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// Expanded source.
    pub source: String,
    /// `@vertex` / `@fragment` / `@compute` function names, in order.
    pub entry_points: Vec<String>,
    /// Every file read (for `rerun-if-changed`).
    pub files_read: Vec<PathBuf>,
}

/// Expands includes and defines.
#[derive(Debug, Clone)]
pub struct Preprocessor {
    base: PathBuf,
    defines: Vec<(String, String)>,
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Preprocessor {
    /// Includes are resolved relative to the including file, then `base`.
    pub fn new<P: AsRef<Path>>(base: P) -> Self {
        Preprocessor { base: base.as_ref().to_path_buf(), defines: Vec::new() }
    }

    /// Add a define.
    pub fn define(&mut self, name: &str, value: &str) {
        self.defines.retain(|(k, _)| k != name);
        self.defines.push((name.to_owned(), value.to_owned()));
    }

    /// Preprocess `file`.
    pub fn run(&mut self, file: &Path) -> Result<Output, Error> {
        let mut out = Output::default();
        let mut stack = HashSet::new();
        let mut text = String::new();
        self.expand(file, &mut stack, &mut out, &mut text)?;
        check_balance(file, &text)?;
        out.entry_points = entry_points(&text);
        out.source = text;
        Ok(out)
    }

    fn expand(&mut self, file: &Path, stack: &mut HashSet<PathBuf>, out: &mut Output, text: &mut String) -> Result<(), Error> {
        let canon = fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        if !stack.insert(canon.clone()) {
            return Err(Error::IncludeCycle(file.to_path_buf()));
        }
        let src = fs::read_to_string(file).map_err(|e| Error::Io(file.to_path_buf(), e))?;
        if !out.files_read.contains(&canon) {
            out.files_read.push(canon.clone());
        }
        for line in src.lines() {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix("#include") {
                let name = rest.trim().trim_matches('"').trim_matches(|c| c == '<' || c == '>');
                let local = file.parent().unwrap_or(Path::new(".")).join(name);
                let target = if local.exists() { local } else { self.base.join(name) };
                self.expand(&target, stack, out, text)?;
                continue;
            }
            if let Some(rest) = t.strip_prefix("#define") {
                let mut it = rest.trim().splitn(2, char::is_whitespace);
                if let Some(k) = it.next() {
                    let v = it.next().unwrap_or("").trim().to_owned();
                    self.define(k, &v);
                }
                continue;
            }
            text.push_str(&self.substitute(line));
            text.push('\n');
        }
        stack.remove(&canon);
        Ok(())
    }

    fn substitute(&self, line: &str) -> String {
        if self.defines.is_empty() {
            return line.to_owned();
        }
        let mut out = String::with_capacity(line.len());
        let mut word = String::new();
        let flush = |w: &mut String, out: &mut String| {
            if !w.is_empty() {
                match self.defines.iter().find(|(k, _)| k == w) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(w),
                }
                w.clear();
            }
        };
        for c in line.chars() {
            if is_ident(c) {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }
}

fn strip_comments(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let mut depth = 0;
    while i < b.len() {
        if depth == 0 && b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1; // WGSL block comments nest
            i += 2;
            continue;
        }
        if depth > 0 && b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                out.push(' ');
            }
            continue;
        }
        if depth == 0 {
            out.push(b[i] as char);
        }
        i += 1;
    }
    out
}

/// Remove comments and all whitespace that does not separate identifiers.
pub fn minify(src: &str) -> String {
    let s = strip_comments(src);
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && out.chars().last().map_or(false, is_ident) && is_ident(c) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

fn entry_points(src: &str) -> Vec<String> {
    let s = strip_comments(src);
    let toks: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == '(').filter(|t| !t.is_empty()).collect();
    let mut out = Vec::new();
    let mut armed = false;
    for w in toks.windows(2) {
        if matches!(w[0], "@vertex" | "@fragment" | "@compute") {
            armed = true;
        }
        if armed && w[0] == "fn" {
            out.push(w[1].to_owned());
            armed = false;
        }
    }
    out
}

fn check_balance(file: &Path, src: &str) -> Result<(), Error> {
    let s = strip_comments(src);
    let mut stack = Vec::new();
    for (n, line) in s.lines().enumerate() {
        for c in line.chars() {
            match c {
                '{' | '(' | '[' => stack.push(c),
                '}' | ')' | ']' => {
                    let want = match c {
                        '}' => '{',
                        ')' => '(',
                        _ => '[',
                    };
                    if stack.pop() != Some(want) {
                        return Err(Error::Unbalanced(file.to_path_buf(), n + 1));
                    }
                }
                _ => {}
            }
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(Error::Unbalanced(file.to_path_buf(), s.lines().count()))
    }
}
