//! The `syn` front end: parses a Rust file and reports what its code does to the [`Collector`].
//!
//! Parsing gives what a text scan cannot: which function a call is in (so a read and a send can be
//! seen together), `#[cfg(test)]` modules and `#[test]` functions (test vectors are not payloads),
//! load-time hooks (`#[ctor]`, `.init_array` statics), `use` declarations (so `Command` from clap
//! is not `std::process::Command`), and doc comments, which are attributes and never scanned.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Attribute, Expr, Lit, Meta, Token, UseTree};

use super::collector::{Arg, Collector};
use super::vocabulary::{CALLS_WITH_ARGUMENTS, LOAD_TIME_SECTIONS, METHODS_WITH_ARGUMENTS};

/// Parses `source` and visits it; on a parse error nothing has been reported yet.
pub fn analyse(collector: &mut Collector<'_>, source: &str) -> Result<(), syn::Error> {
    let file = syn::parse_file(source)?;
    let mut visitor = Visitor {
        c: collector,
        source,
    };
    visitor.visit_file(&file);
    Ok(())
}

struct Visitor<'c, 'a> {
    c: &'c mut Collector<'a>,
    source: &'c str,
}

fn line(span: Span) -> u32 {
    span.start().line as u32
}

fn segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// Whether attributes mark test-only code: `#[test]`, `#[cfg(test)]`, `#[tokio::test]`, ….
fn is_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        if path
            .segments
            .last()
            .is_some_and(|s| s.ident == "test" || s.ident == "bench")
        {
            return true;
        }
        if path.is_ident("cfg") {
            if let Meta::List(list) = &attr.meta {
                let text = list.tokens.to_string();
                return text == "test" || (text.contains("test") && !text.contains("not"));
            }
        }
        false
    })
}

/// How attributes register a function or static to run at load time, if they do.
fn load_time(attrs: &[Attribute]) -> Option<String> {
    for attr in attrs {
        let path = attr.path();
        if path
            .segments
            .last()
            .is_some_and(|s| s.ident == "ctor" || s.ident == "dtor")
        {
            return Some(format!("#[{}]", segments(path).join("::")));
        }
        if path.is_ident("link_section") {
            if let Meta::NameValue(nv) = &attr.meta {
                if let Expr::Lit(lit) = &nv.value {
                    if let Lit::Str(section) = &lit.lit {
                        let section = section.value();
                        let lower = section.to_ascii_lowercase();
                        if LOAD_TIME_SECTIONS.iter().any(|s| lower.contains(s)) {
                            return Some(format!("#[link_section = \"{section}\"]"));
                        }
                    }
                }
            }
        }
    }
    None
}

impl Visitor<'_, '_> {
    fn text(&self, span: Span) -> String {
        let range = span.byte_range();
        self.source
            .get(range)
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }

    fn arg(&self, expr: &Expr) -> Arg {
        match expr {
            Expr::Lit(lit) => match &lit.lit {
                Lit::Str(s) => Arg::Str(s.value()),
                Lit::ByteStr(b) => Arg::Bytes(b.value()),
                Lit::Int(i) => i
                    .base10_parse::<u128>()
                    .map(Arg::Int)
                    .unwrap_or_else(|_| Arg::Expr(self.text(expr.span()))),
                _ => Arg::Expr(self.text(expr.span())),
            },
            Expr::Reference(r) => match self.arg(&r.expr) {
                Arg::Str(s) => Arg::Str(s),
                _ => Arg::Expr(self.text(expr.span())),
            },
            Expr::Paren(p) => self.arg(&p.expr),
            _ => Arg::Expr(self.text(expr.span())),
        }
    }

    fn args<'e>(&self, exprs: impl IntoIterator<Item = &'e Expr>) -> Vec<Arg> {
        exprs.into_iter().map(|e| self.arg(e)).collect()
    }

    fn function(&mut self, name: &str, attrs: &[Attribute], block: &syn::Block) {
        if !block.stmts.is_empty() {
            self.c.item();
        }
        self.c
            .enter_fn(name, is_test(attrs), load_time(attrs), line(block.span()));
        self.visit_block(block);
        self.c.leave_fn();
    }

    /// Walks a macro body that is not a list of expressions: literals, byte arrays, XOR, and
    /// paths that are used (called, or written with `::`), not names being declared.
    fn tokens(&mut self, tokens: TokenStream) {
        let mut stack: Vec<(Vec<TokenTree>, usize)> = vec![(tokens.into_iter().collect(), 0)];
        while let Some((trees, position)) = stack.last_mut() {
            let index = *position;
            let Some(tree) = trees.get(index).cloned() else {
                stack.pop();
                continue;
            };
            *position += 1;
            let trees: &[TokenTree] = trees;
            let mut push = None;
            match &tree {
                TokenTree::Ident(ident) => {
                    let previous = index.checked_sub(1).and_then(|p| trees.get(p));
                    let after_fn = matches!(previous, Some(TokenTree::Ident(i)) if i == "fn");
                    let after_colon =
                        matches!(previous, Some(TokenTree::Punct(p)) if p.as_char() == ':');
                    if !after_fn && !after_colon {
                        let (path, next) = macro_path(trees, index);
                        let called = matches!(trees.get(next), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis);
                        if path.len() >= 2 || called {
                            self.c.path(&path, line(ident.span()));
                        }
                    }
                }
                TokenTree::Punct(punct) => {
                    if punct.as_char() == '^' {
                        self.c.xor();
                    }
                }
                TokenTree::Literal(literal) => {
                    let at = line(literal.span());
                    match syn::parse_str::<Lit>(&literal.to_string()) {
                        Ok(Lit::Str(s)) => self.c.literal(&s.value(), at),
                        Ok(Lit::ByteStr(b)) => self.c.byte_literal(&b.value(), at),
                        Ok(Lit::Int(i)) => {
                            if let Ok(value) = i.base10_parse::<u64>() {
                                self.c.integer(value, at);
                            }
                        }
                        _ => {}
                    }
                }
                TokenTree::Group(group) => {
                    let bytes = (group.delimiter() == Delimiter::Bracket)
                        .then(|| byte_list(group.stream()))
                        .flatten();
                    match bytes {
                        Some(bytes) => self.c.byte_array(&bytes, line(group.span())),
                        None => push = Some(group.stream()),
                    }
                }
            }
            if let Some(stream) = push {
                if stack.len() < 256 {
                    stack.push((stream.into_iter().collect(), 0));
                }
            }
        }
    }
}

/// The path `a::b::c` starting at `index`, and the index after it.
fn macro_path(trees: &[TokenTree], index: usize) -> (Vec<String>, usize) {
    let mut path = Vec::new();
    if let Some(TokenTree::Ident(first)) = trees.get(index) {
        path.push(first.to_string());
    }
    let mut next = index + 1;
    while let (
        Some(TokenTree::Punct(a)),
        Some(TokenTree::Punct(b)),
        Some(TokenTree::Ident(segment)),
    ) = (trees.get(next), trees.get(next + 1), trees.get(next + 2))
    {
        if a.as_char() != ':' || b.as_char() != ':' {
            break;
        }
        path.push(segment.to_string());
        next += 3;
    }
    (path, next)
}

/// `[1, 2, 0x41, …]` as bytes, if every element is an integer literal that fits in a byte.
fn byte_list(tokens: TokenStream) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut expect_value = true;
    for tree in tokens {
        match tree {
            TokenTree::Literal(literal) if expect_value => {
                let text = literal.to_string();
                let value = match super::lexer::parse_int(&text) {
                    Some(value) => u8::try_from(value).ok()?,
                    None => match syn::parse_str::<Lit>(&text).ok()? {
                        Lit::Byte(b) => b.value(),
                        Lit::Char(c) => u8::try_from(u32::from(c.value())).ok()?,
                        _ => return None,
                    },
                };
                bytes.push(value);
                expect_value = false;
            }
            TokenTree::Punct(p) if p.as_char() == ',' && !expect_value => expect_value = true,
            _ => return None,
        }
    }
    (bytes.len() >= 2).then_some(bytes)
}

fn int_byte(expr: &Expr) -> Option<u8> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(i) => i.base10_parse::<u8>().ok(),
            Lit::Byte(b) => Some(b.value()),
            Lit::Char(c) => u8::try_from(u32::from(c.value())).ok(),
            _ => None,
        },
        Expr::Cast(cast) => int_byte(&cast.expr),
        _ => None,
    }
}

impl<'ast> Visit<'ast> for Visitor<'_, '_> {
    fn visit_attribute(&mut self, _: &'ast Attribute) {
        // Doc comments and other attributes hold no code that runs.
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut work: Vec<(Vec<String>, &UseTree)> = vec![(Vec::new(), &item.tree)];
        while let Some((prefix, tree)) = work.pop() {
            match tree {
                UseTree::Path(p) => {
                    let mut next = prefix.clone();
                    next.push(p.ident.to_string());
                    work.push((next, &p.tree));
                }
                UseTree::Name(n) => {
                    let mut full = prefix.clone();
                    full.push(n.ident.to_string());
                    let alias = if n.ident == "self" {
                        prefix.last().cloned().unwrap_or_default()
                    } else {
                        n.ident.to_string()
                    };
                    if n.ident == "self" {
                        full.pop();
                    }
                    self.c.import(&alias, &full.join("::"));
                }
                UseTree::Rename(r) => {
                    let mut full = prefix.clone();
                    full.push(r.ident.to_string());
                    self.c.import(&r.rename.to_string(), &full.join("::"));
                }
                UseTree::Group(g) => {
                    for tree in &g.items {
                        work.push((prefix.clone(), tree));
                    }
                }
                UseTree::Glob(_) => {}
            }
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(&item.sig.ident.to_string(), &item.attrs, &item.block);
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(&item.sig.ident.to_string(), &item.attrs, &item.block);
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(block) = &item.default {
            self.function(&item.sig.ident.to_string(), &item.attrs, block);
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        let test = is_test(&item.attrs);
        if test {
            self.c.enter_test_region();
        }
        visit::visit_item_mod(self, item);
        if test {
            self.c.leave_test_region();
        }
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let test = is_test(&item.attrs);
        if test {
            self.c.enter_test_region();
        }
        if !item.items.is_empty() {
            self.c.item();
        }
        visit::visit_item_impl(self, item);
        if test {
            self.c.leave_test_region();
        }
    }

    fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
        self.c.item();
        visit::visit_item_struct(self, item);
    }

    fn visit_item_enum(&mut self, item: &'ast syn::ItemEnum) {
        self.c.item();
        visit::visit_item_enum(self, item);
    }

    fn visit_item_union(&mut self, item: &'ast syn::ItemUnion) {
        self.c.item();
        visit::visit_item_union(self, item);
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        self.c.item();
        visit::visit_item_trait(self, item);
    }

    fn visit_item_type(&mut self, item: &'ast syn::ItemType) {
        self.c.item();
        visit::visit_item_type(self, item);
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        self.c.item();
        visit::visit_item_const(self, item);
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        self.c.item();
        if let Some(how) = load_time(&item.attrs) {
            let mut names = Vec::new();
            collect_idents(item.expr.as_ref(), &mut names);
            self.c.load_time_static(&how, &names, line(item.span()));
        }
        visit::visit_item_static(self, item);
    }

    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        if item.ident.is_some() {
            // `macro_rules! name { … }` defines something.
            self.c.item();
        }
        visit::visit_item_macro(self, item);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let Expr::Path(path) = call.func.as_ref() {
            // Arguments as text cost a source look-up each; only calls the collector reads get them.
            let wanted = path
                .path
                .segments
                .last()
                .is_some_and(|s| CALLS_WITH_ARGUMENTS.contains(&s.ident.to_string().as_str()));
            let args = if wanted {
                self.args(&call.args)
            } else {
                Vec::new()
            };
            self.c
                .call(&segments(&path.path), &args, line(call.func.span()));
            for arg in &call.args {
                self.visit_expr(arg);
            }
        } else {
            visit::visit_expr_call(self, call);
        }
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        self.visit_expr(&call.receiver);
        let method = call.method.to_string();
        let wanted = METHODS_WITH_ARGUMENTS.contains(&method.as_str());
        let (receiver, args) = if wanted {
            (self.text(call.receiver.span()), self.args(&call.args))
        } else {
            (String::new(), Vec::new())
        };
        self.c
            .method(&method, &receiver, &args, line(call.method.span()));
        for arg in &call.args {
            self.visit_expr(arg);
        }
    }

    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        self.c.path(&segments(&path.path), line(path.span()));
    }

    fn visit_type_path(&mut self, path: &'ast syn::TypePath) {
        self.c.path(&segments(&path.path), line(path.span()));
        visit::visit_type_path(self, path);
    }

    fn visit_lit(&mut self, lit: &'ast Lit) {
        match lit {
            Lit::Str(s) => self.c.literal(&s.value(), line(s.span())),
            Lit::ByteStr(b) => self.c.byte_literal(&b.value(), line(b.span())),
            Lit::CStr(c) => self.c.literal(&c.value().to_string_lossy(), line(c.span())),
            Lit::Int(i) => {
                if let Ok(value) = i.base10_parse::<u64>() {
                    self.c.integer(value, line(i.span()));
                }
            }
            _ => {}
        }
    }

    fn visit_expr_array(&mut self, array: &'ast syn::ExprArray) {
        let bytes: Option<Vec<u8>> = array.elems.iter().map(int_byte).collect();
        match bytes {
            Some(bytes) if bytes.len() >= 2 => self.c.byte_array(&bytes, line(array.span())),
            _ => visit::visit_expr_array(self, array),
        }
    }

    fn visit_expr_binary(&mut self, binary: &'ast syn::ExprBinary) {
        if matches!(
            binary.op,
            syn::BinOp::BitXor(_) | syn::BinOp::BitXorAssign(_)
        ) {
            self.c.xor();
        }
        visit::visit_expr_binary(self, binary);
    }

    fn visit_expr_cast(&mut self, cast: &'ast syn::ExprCast) {
        if let syn::Type::Path(path) = cast.ty.as_ref() {
            if path.path.is_ident("char") {
                self.c.char_arithmetic();
            }
        }
        visit::visit_expr_cast(self, cast);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let at = line(mac.path.span());
        // Code a procedural macro emits runs in its user's program, not in the compiler; the
        // literals in it are still read.
        let parsed = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated);
        match parsed {
            Ok(exprs) => {
                let args = self.args(&exprs);
                self.c.macro_call(&name, &args, at);
                if name == "vec" {
                    let bytes: Option<Vec<u8>> = exprs.iter().map(int_byte).collect();
                    if let Some(bytes) = bytes.filter(|b| b.len() >= 2) {
                        self.c.byte_array(&bytes, at);
                        return;
                    }
                }
                for expr in &exprs {
                    self.visit_expr(expr);
                }
            }
            Err(_) => {
                self.c.macro_call(&name, &[], at);
                self.tokens(mac.tokens.clone());
            }
        }
    }
}

/// Identifiers an expression mentions (the functions a load-time static points at).
fn collect_idents(expr: &Expr, out: &mut Vec<String>) {
    struct Idents<'o>(&'o mut Vec<String>);
    impl<'ast> Visit<'ast> for Idents<'_> {
        fn visit_ident(&mut self, ident: &'ast proc_macro2::Ident) {
            self.0.push(ident.to_string());
        }
    }
    Idents(out).visit_expr(expr);
}
