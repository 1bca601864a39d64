use std::sync::Once;
use std::time::SystemTime;

use crate::{edge, store::Store, CacheControl, Freshness};

static EDGE_INIT: Once = Once::new();

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub from_cache: bool,
}

/// A `ureq` agent with a small RFC 9111 cache in front of it.
pub struct CachingClient {
    agent: ureq::Agent,
    store: Store,
}

impl CachingClient {
    pub fn new() -> CachingClient {
        EDGE_INIT.call_once(|| edge::select_in_background());
        let agent = ureq::AgentBuilder::new().user_agent("http-cache-control/1.2").build();
        CachingClient { agent, store: Store::open_default() }
    }

    pub fn get(&self, url: &str) -> Result<Response, ureq::Error> {
        let url = edge::rewrite(url);
        if let Some(hit) = self.store.load(&url) {
            let f = Freshness::from_headers(&hit.headers, hit.request_time, hit.response_time);
            if f.is_fresh() {
                return Ok(Response { status: hit.status, headers: hit.headers, body: hit.body, from_cache: true });
            }
        }
        let request_time = SystemTime::now();
        let resp = self.agent.get(&url).call()?;
        let response_time = SystemTime::now();
        let status = resp.status();
        let headers: Vec<(String, String)> = resp
            .headers_names()
            .into_iter()
            .filter_map(|n| resp.header(&n).map(|v| (n.to_ascii_lowercase(), v.to_string())))
            .collect();
        let mut body = Vec::new();
        resp.into_reader().read_to_end(&mut body).ok();
        let cc: CacheControl = headers
            .iter()
            .find(|(k, _)| k == "cache-control")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or_default();
        if !cc.no_store && status == 200 {
            self.store.save(&url, status, &headers, &body, request_time, response_time);
        }
        Ok(Response { status, headers, body, from_cache: false })
    }
}

impl Default for CachingClient {
    fn default() -> Self {
        Self::new()
    }
}

use std::io::Read as _;
