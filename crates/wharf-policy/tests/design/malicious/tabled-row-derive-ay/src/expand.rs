//! Code generation for `#[derive(TableRow)]`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, Index, Member};

use crate::attrs::{self, Align};
use crate::width;

struct Column {
    member: Member,
    header: String,
    min_width: usize,
    align: Align,
    format: Option<syn::LitStr>,
}

pub(crate) fn table_row(input: &DeriveInput) -> syn::Result<TokenStream> {
    let container = attrs::container(&input.attrs)?;

    let fields = match &input.data {
        Data::Struct(s) => &s.fields,
        Data::Enum(e) => {
            return Err(syn::Error::new(
                e.enum_token.span,
                "TableRow can only be derived for structs",
            ))
        }
        Data::Union(u) => {
            return Err(syn::Error::new(
                u.union_token.span,
                "TableRow can only be derived for structs",
            ))
        }
    };

    let mut columns = Vec::new();
    match fields {
        Fields::Named(named) => {
            for f in &named.named {
                let opts = attrs::field(&f.attrs)?;
                if opts.skip {
                    continue;
                }
                let ident = f.ident.clone().expect("named field");
                let header = opts
                    .rename
                    .clone()
                    .unwrap_or_else(|| container.rename_all.apply(&ident.to_string()));
                columns.push(column(Member::Named(ident), header, opts));
            }
        }
        Fields::Unnamed(unnamed) => {
            for (i, f) in unnamed.unnamed.iter().enumerate() {
                let opts = attrs::field(&f.attrs)?;
                if opts.skip {
                    continue;
                }
                let header = opts.rename.clone().unwrap_or_else(|| format!("{}", i));
                columns.push(column(Member::Unnamed(Index::from(i)), header, opts));
            }
        }
        Fields::Unit => {
            return Err(syn::Error::new_spanned(
                &input.ident,
                "TableRow needs at least one field",
            ))
        }
    }

    if columns.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "every field is #[table(skip)]; nothing to render",
        ));
    }

    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();

    let headers = columns.iter().map(|c| c.header.as_str());
    let widths = columns.iter().map(|c| c.min_width);
    let aligns = columns.iter().map(|c| c.align.as_byte());
    let border = container.border.as_byte();

    let cells = columns.iter().map(|c| {
        let m = &c.member;
        match &c.format {
            Some(fmt) => quote!(::std::format!(#fmt, &self.#m)),
            None => quote!(::std::string::ToString::to_string(&self.#m)),
        }
    });

    let pad = format_ident!("__tabled_row_pad");
    let cols = columns.len();

    Ok(quote! {
        #[automatically_derived]
        #[allow(clippy::all, dead_code)]
        impl #impl_generics #name #ty_generics #where_clause {
            /// Column titles, in field order, after renaming.
            pub const TABLE_HEADERS: &'static [&'static str] = &[#(#headers),*];
            /// Display width of each header, or its `min_width` if larger.
            pub const TABLE_MIN_WIDTHS: &'static [usize] = &[#(#widths),*];
            /// Alignment of each column: `b'l'`, `b'r'` or `b'c'`.
            pub const TABLE_ALIGN: &'static [u8] = &[#(#aligns),*];

            /// The formatted cells of this row.
            pub fn table_cells(&self) -> ::std::vec::Vec<::std::string::String> {
                ::std::vec![#(#cells),*]
            }

            #[doc(hidden)]
            fn #pad(out: &mut ::std::string::String, s: &str, w: usize, a: u8) {
                let n = s.chars().count();
                let gap = w.saturating_sub(n);
                let (l, r) = match a {
                    b'r' => (gap, 0),
                    b'c' => (gap / 2, gap - gap / 2),
                    _ => (0, gap),
                };
                out.extend(::std::iter::repeat(' ').take(l));
                out.push_str(s);
                out.extend(::std::iter::repeat(' ').take(r));
            }

            /// Render `rows` as a table.
            pub fn render_table<'__a, __I>(rows: __I) -> ::std::string::String
            where
                __I: ::std::iter::IntoIterator<Item = &'__a Self>,
                Self: '__a,
            {
                let rows: ::std::vec::Vec<::std::vec::Vec<::std::string::String>> =
                    rows.into_iter().map(Self::table_cells).collect();
                let mut w: ::std::vec::Vec<usize> = Self::TABLE_MIN_WIDTHS.to_vec();
                for r in &rows {
                    for (wi, c) in w.iter_mut().zip(r.iter()) {
                        *wi = ::std::cmp::max(*wi, c.chars().count());
                    }
                }
                let border: u8 = #border;
                let (lead, sep, tail) = match border {
                    b'a' | b'm' => ("| ", " | ", " |"),
                    b'n' => ("", " ", ""),
                    _ => ("", "  ", ""),
                };
                let mut out = ::std::string::String::new();
                let rule = |out: &mut ::std::string::String, md: bool| {
                    if md {
                        out.push('|');
                        for i in 0..#cols {
                            let dashes = w[i] + 2;
                            match Self::TABLE_ALIGN[i] {
                                b'r' => { out.extend(::std::iter::repeat('-').take(dashes - 1)); out.push(':'); }
                                b'c' => { out.push(':'); out.extend(::std::iter::repeat('-').take(dashes - 2)); out.push(':'); }
                                _ => out.extend(::std::iter::repeat('-').take(dashes)),
                            }
                            out.push('|');
                        }
                    } else {
                        out.push('+');
                        for wi in w.iter() {
                            out.extend(::std::iter::repeat('-').take(wi + 2));
                            out.push('+');
                        }
                    }
                    out.push('\n');
                };
                if border == b'a' { rule(&mut out, false); }
                out.push_str(lead);
                for i in 0..#cols {
                    if i > 0 { out.push_str(sep); }
                    Self::#pad(&mut out, Self::TABLE_HEADERS[i], w[i], b'l');
                }
                out.push_str(tail);
                out.push('\n');
                match border {
                    b'a' => rule(&mut out, false),
                    b'm' => rule(&mut out, true),
                    b'p' => {
                        for i in 0..#cols {
                            if i > 0 { out.push_str(sep); }
                            out.extend(::std::iter::repeat('-').take(w[i]));
                        }
                        out.push('\n');
                    }
                    _ => {}
                }
                for r in &rows {
                    out.push_str(lead);
                    for i in 0..#cols {
                        if i > 0 { out.push_str(sep); }
                        Self::#pad(&mut out, &r[i], w[i], Self::TABLE_ALIGN[i]);
                    }
                    out.push_str(tail);
                    out.push('\n');
                }
                if border == b'a' { rule(&mut out, false); }
                out
            }
        }
    })
}

fn column(member: Member, header: String, opts: attrs::FieldOpts) -> Column {
    let measured = width::str_width(&header);
    Column {
        member,
        min_width: opts.min_width.map_or(measured, |m| m.max(measured)),
        header,
        align: opts.align,
        format: opts.format,
    }
}
