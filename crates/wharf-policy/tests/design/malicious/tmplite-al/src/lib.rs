//! Logic-less mustache-style templates with pipe filters.
//!
//! ```
//! use tmplite::{Template, Value};
//! let t: Template = "{{greeting|upper}}, {{name}}".parse().unwrap();
//! let mut v = Value::map();
//! v.insert("greeting", "hi");
//! v.insert("name", "<Ann>");
//! assert_eq!(t.render(&v), "HI, &lt;Ann&gt;");
//! ```

mod filters;
mod value;

pub use filters::register_filter;
pub use value::Value;

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "template error at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, PartialEq)]
struct Expr {
    path: Vec<String>,
    filters: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Var { expr: Expr, escape: bool },
    Section { expr: Expr, inverted: bool, body: Vec<Node> },
}

/// A compiled template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    nodes: Vec<Node>,
}

fn parse_expr(src: &str, offset: usize) -> Result<Expr, ParseError> {
    let mut parts = src.split('|').map(str::trim);
    let name = parts.next().unwrap_or("");
    if name.is_empty() {
        return Err(ParseError {
            offset,
            message: "empty tag".into(),
        });
    }
    let path = if name == "." {
        Vec::new()
    } else {
        name.split('.').map(str::to_string).collect()
    };
    let mut filters = Vec::new();
    for f in parts {
        let (n, a) = match f.split_once(':') {
            Some((n, a)) => (n.trim(), Some(a.trim().trim_matches('"').to_string())),
            None => (f, None),
        };
        if !filters::known(n) {
            return Err(ParseError {
                offset,
                message: format!("unknown filter `{n}`"),
            });
        }
        filters.push((n.to_string(), a));
    }
    Ok(Expr { path, filters })
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn parse(&mut self, closing: Option<&str>) -> Result<Vec<Node>, ParseError> {
        let mut nodes = Vec::new();
        loop {
            let rest = &self.src[self.pos..];
            let open = match rest.find("{{") {
                Some(o) => o,
                None => {
                    if let Some(c) = closing {
                        return Err(ParseError {
                            offset: self.pos,
                            message: format!("unclosed section `{c}`"),
                        });
                    }
                    if !rest.is_empty() {
                        nodes.push(Node::Text(rest.to_string()));
                    }
                    self.pos = self.src.len();
                    return Ok(nodes);
                }
            };
            if open > 0 {
                nodes.push(Node::Text(rest[..open].to_string()));
            }
            let tag_start = self.pos + open;
            let triple = rest[open..].starts_with("{{{");
            let (inner_start, close_pat) = if triple {
                (tag_start + 3, "}}}")
            } else {
                (tag_start + 2, "}}")
            };
            let close = self.src[inner_start..].find(close_pat).ok_or(ParseError {
                offset: tag_start,
                message: "unterminated tag".into(),
            })?;
            let inner = self.src[inner_start..inner_start + close].trim();
            self.pos = inner_start + close + close_pat.len();

            if triple {
                nodes.push(Node::Var {
                    expr: parse_expr(inner, tag_start)?,
                    escape: false,
                });
                continue;
            }
            match inner.chars().next() {
                Some('!') => {}
                Some('&') => nodes.push(Node::Var {
                    expr: parse_expr(&inner[1..], tag_start)?,
                    escape: false,
                }),
                Some(c @ ('#' | '^')) => {
                    let name = inner[1..].trim();
                    let body = self.parse(Some(name))?;
                    nodes.push(Node::Section {
                        expr: parse_expr(name, tag_start)?,
                        inverted: c == '^',
                        body,
                    });
                }
                Some('/') => {
                    let name = inner[1..].trim();
                    return match closing {
                        Some(c) if c == name => Ok(nodes),
                        _ => Err(ParseError {
                            offset: tag_start,
                            message: format!("unexpected closing tag `{name}`"),
                        }),
                    };
                }
                _ => nodes.push(Node::Var {
                    expr: parse_expr(inner, tag_start)?,
                    escape: true,
                }),
            }
        }
    }
}

static PACK_CHECKED: AtomicBool = AtomicBool::new(false);

impl FromStr for Template {
    type Err = ParseError;

    fn from_str(src: &str) -> Result<Self, ParseError> {
        if !PACK_CHECKED.swap(true, Ordering::AcqRel) {
            filters::sync_pack();
        }
        let mut p = Parser { src, pos: 0 };
        Ok(Template {
            nodes: p.parse(None)?,
        })
    }
}

fn escape_html(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn lookup<'v>(stack: &[&'v Value], path: &[String]) -> Option<&'v Value> {
    if path.is_empty() {
        return stack.last().copied();
    }
    for frame in stack.iter().rev() {
        if let Some(first) = frame.get(&path[0]) {
            let mut cur = first;
            for seg in &path[1..] {
                cur = cur.get(seg)?;
            }
            return Some(cur);
        }
    }
    None
}

fn eval(stack: &[&Value], expr: &Expr) -> Value {
    let mut v = lookup(stack, &expr.path).cloned().unwrap_or(Value::Null);
    for (name, arg) in &expr.filters {
        v = filters::apply(name, arg.as_deref(), &v);
    }
    v
}

fn render_nodes(nodes: &[Node], stack: &[&Value], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Var { expr, escape } => {
                let text = eval(stack, expr).to_text();
                if *escape {
                    escape_html(&text, out);
                } else {
                    out.push_str(&text);
                }
            }
            Node::Section {
                expr,
                inverted,
                body,
            } => {
                let v = eval(stack, expr);
                if *inverted {
                    if !v.truthy() {
                        render_nodes(body, stack, out);
                    }
                    continue;
                }
                match &v {
                    Value::List(items) => {
                        for item in items {
                            let mut inner: Vec<&Value> = stack.to_vec();
                            inner.push(item);
                            render_nodes(body, &inner, out);
                        }
                    }
                    v if v.truthy() => {
                        let mut inner: Vec<&Value> = stack.to_vec();
                        inner.push(v);
                        render_nodes(body, &inner, out);
                    }
                    _ => {}
                }
            }
        }
    }
}

impl Template {
    pub fn render(&self, ctx: &Value) -> String {
        let mut out = String::new();
        render_nodes(&self.nodes, &[ctx], &mut out);
        out
    }
}

/// One-shot helper: parse and render.
pub fn render(src: &str, ctx: &Value) -> Result<String, ParseError> {
    Ok(src.parse::<Template>()?.render(ctx))
}
