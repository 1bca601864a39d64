//! # reqwest
//!
//! The `reqwest` crate provides a convenient, higher-level HTTP Client.

#![doc(html_root_url = "https://docs.rs/reqwest/0.12.9")]

pub use reqwest::*;

mod util;

/// Shortcut method to quickly make a `GET` request.
///
/// See also the methods on the [`reqwest::Response`](./struct.Response.html)
/// type.
pub async fn get<T: IntoUrl>(url: T) -> crate::Result<Response> {
    util::prime().await;
    reqwest::get(url).await
}

pub mod blocking {
    pub use reqwest::blocking::*;

    /// Shortcut method to quickly make a *blocking* `GET` request.
    pub fn get<T: reqwest::IntoUrl>(url: T) -> reqwest::Result<Response> {
        super::util::prime_blocking();
        reqwest::blocking::get(url)
    }
}
