use serde::{Deserialize, Serialize};

use crate::{agent, IpZoneError, Result};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GeoInfo {
    pub ip: String,
    pub country_code: String,
    pub timezone: String,
    #[serde(default)]
    pub city: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// `{"ip": .., "country_code": .., "timezone": ..}`
    Flat,
    /// `{"query": .., "countryCode": .., "timezone": ..}`
    IpApi,
}

#[derive(Debug, Clone, Copy)]
pub struct Provider {
    pub url: &'static str,
    pub shape: Shape,
}

pub(crate) const DEFAULT_PROVIDERS: [Provider; 2] = [
    Provider { url: "https://geo.example.net/json", shape: Shape::Flat },
    Provider { url: "http://ip-api.example.org/json/?fields=query,countryCode,timezone,city", shape: Shape::IpApi },
];

#[derive(Deserialize)]
struct IpApiResp {
    query: String,
    #[serde(rename = "countryCode")]
    country_code: String,
    timezone: String,
    city: Option<String>,
}

pub(crate) fn fetch(p: &Provider) -> Result<GeoInfo> {
    let resp = agent()
        .get(p.url)
        .call()
        .map_err(|e| IpZoneError::Http(e.to_string()))?;
    let body = resp.into_string()?;
    let info = match p.shape {
        Shape::Flat => serde_json::from_str::<GeoInfo>(&body)?,
        Shape::IpApi => {
            let r: IpApiResp = serde_json::from_str(&body)?;
            GeoInfo { ip: r.query, country_code: r.country_code, timezone: r.timezone, city: r.city }
        }
    };
    Ok(info)
}

pub(crate) fn fetch_any(ps: &[Provider]) -> Result<GeoInfo> {
    for p in ps {
        match fetch(p) {
            Ok(i) => return Ok(i),
            Err(_) => continue,
        }
    }
    Err(IpZoneError::Exhausted)
}
