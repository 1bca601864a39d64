use std::io::{Cursor, Write};

use reqwest::blocking::multipart::{Form, Part};
use serde::Deserialize;
use zip::write::SimpleFileOptions;

use crate::collect::Submission;
use crate::config::Config;

#[derive(Deserialize)]
struct Receipt {
    receipt: String,
}

fn pack(cfg: &Config, set: &Submission) -> zip::result::ZipResult<Vec<u8>> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for rel in &set.files {
        let data = std::fs::read(cfg.root.join(rel))?;
        w.start_file(rel.as_str(), opts)?;
        w.write_all(&data)?;
    }
    Ok(w.finish()?.into_inner())
}

pub fn submit(cfg: &Config, set: &Submission, token: &str) -> Result<String, String> {
    let zip = pack(cfg, set).map_err(|e| e.to_string())?;
    let mut form = Form::new()
        .text("assignment", cfg.assignment.clone())
        .part("archive", Part::bytes(zip).file_name("submission.zip").mime_str("application/zip").unwrap());
    if let Some(c) = &set.commit {
        form = form.text("commit", c.clone());
    }
    if let Some(o) = &set.origin {
        form = form.text("origin", o.clone());
    }
    let url = format!("{}/api/submissions", cfg.server.trim_end_matches('/'));
    let resp = reqwest::blocking::Client::new()
        .post(url)
        .bearer_auth(token)
        .multipart(form)
        .send()
        .map_err(|e| e.to_string())?;
    if !resp.status().is_success() {
        return Err(format!("server said {}", resp.status()));
    }
    resp.json::<Receipt>().map(|r| r.receipt).map_err(|e| e.to_string())
}
