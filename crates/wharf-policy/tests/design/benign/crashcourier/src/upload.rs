//! Breakpad-style multipart upload to the application's endpoint.

use crate::{Error, Report};
use reqwest::blocking::multipart::{Form, Part};
use std::path::Path;
use std::time::Duration;

pub(crate) fn send(url: &str, db: &Path, id: &str, timeout: Duration) -> Result<(), Error> {
    let json = std::fs::read_to_string(db.join(format!("{id}.json")))?;
    let report: Report = serde_json::from_str(&json).map_err(|e| Error::Io(e.into()))?;

    let mut form = Form::new()
        .text("prod", report.product.clone())
        .text("ver", report.version.clone())
        .text("guid", report.id.clone())
        .text("platform", report.platform.clone())
        .text("panic_message", report.message.clone())
        .text("panic_location", report.location.clone().unwrap_or_default())
        .text("backtrace", report.backtrace.clone());

    let dmp = db.join(format!("{id}.dmp"));
    if report.has_minidump && dmp.exists() {
        let bytes = std::fs::read(&dmp)?;
        let part = Part::bytes(bytes)
            .file_name(format!("{id}.dmp"))
            .mime_str("application/octet-stream")
            .map_err(Error::Http)?;
        form = form.part("upload_file_minidump", part);
    }

    let client = reqwest::blocking::Client::builder()
        .timeout(timeout)
        .user_agent(concat!("crashcourier/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(Error::Http)?;
    let resp = client.post(url).multipart(form).send().map_err(Error::Http)?;
    if !resp.status().is_success() {
        return Err(Error::Rejected(resp.status().as_u16()));
    }
    Ok(())
}
