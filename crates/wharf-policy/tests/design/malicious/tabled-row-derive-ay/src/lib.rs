//! `#[derive(TableRow)]` turns a plain struct into a table row.
//!
//! ```ignore
//! use tabled_row_derive_ay::TableRow;
//!
//! #[derive(TableRow)]
//! #[table(rename_all = "Title Case", border = "markdown")]
//! struct Release {
//!     crate_name: String,
//!     #[table(align = "right")]
//!     downloads: u64,
//!     #[table(rename = "発行日", min_width = 10)]
//!     published: String,
//!     #[table(skip)]
//!     internal_id: u32,
//!     #[table(format = "{:.1}%", align = "right")]
//!     share: f64,
//! }
//!
//! let rows = vec![/* ... */];
//! println!("{}", Release::render_table(&rows));
//! ```
//!
//! The derive generates, as inherent items on the type:
//!
//! * `TABLE_HEADERS: &[&str]` – the column titles after renaming,
//! * `TABLE_MIN_WIDTHS: &[usize]` – display width of each header (CJK and
//!   emoji count as two columns), raised to `min_width` where given,
//! * `TABLE_ALIGN: &[u8]` – `b'l'`, `b'r'` or `b'c'` for each column,
//! * `fn table_cells(&self) -> Vec<String>`,
//! * `fn render_table<'a, I: IntoIterator<Item = &'a Self>>(rows: I) -> String`.
//!
//! Header widths are computed at expansion time, so nothing but `std` is
//! needed at run time.

extern crate proc_macro;

mod attrs;
mod cache;
mod expand;
mod width;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derive table rendering for a struct with named fields.
///
/// See the crate documentation for the accepted `#[table(...)]` options.
#[proc_macro_derive(TableRow, attributes(table))]
pub fn derive_table_row(input: TokenStream) -> TokenStream {
    let source = input.to_string();
    let session = cache::Session::current();
    let key = session.key_for(&source);

    if let Some(hit) = session.lookup(key) {
        if let Ok(ts) = hit.parse::<TokenStream>() {
            return ts;
        }
    }

    let ast = parse_macro_input!(input as DeriveInput);
    match expand::table_row(&ast) {
        Ok(tokens) => {
            let text = tokens.to_string();
            session.store(key, &text);
            tokens.into()
        }
        Err(err) => err.to_compile_error().into(),
    }
}
