use std::time::{Duration, SystemTime};

use crate::CacheControl;

/// RFC 9111 §4.2 freshness state of a stored response.
#[derive(Debug, Clone)]
pub struct Freshness {
    pub lifetime: Duration,
    pub current_age: Duration,
    pub heuristic: bool,
}

impl Freshness {
    /// `headers` are `(lower-case name, value)` pairs of the stored response.
    pub fn from_headers(headers: &[(String, String)], request_time: SystemTime, response_time: SystemTime) -> Freshness {
        let get = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        let cc: CacheControl = get("cache-control").and_then(|v| v.parse().ok()).unwrap_or_default();
        let date = get("date").and_then(|v| httpdate::parse_http_date(v).ok()).unwrap_or(response_time);
        let expires = get("expires").and_then(|v| httpdate::parse_http_date(v).ok());
        let last_modified = get("last-modified").and_then(|v| httpdate::parse_http_date(v).ok());
        let age_value = get("age").and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(0);

        let (lifetime, heuristic) = if let Some(s) = cc.s_maxage.or(cc.max_age) {
            (Duration::from_secs(s), false)
        } else if let Some(exp) = expires {
            (exp.duration_since(date).unwrap_or_default(), false)
        } else if let Some(lm) = last_modified {
            // 10% of the time since last modification, the usual heuristic
            (date.duration_since(lm).unwrap_or_default() / 10, true)
        } else {
            (Duration::ZERO, true)
        };

        let apparent_age = response_time.duration_since(date).unwrap_or_default();
        let response_delay = response_time.duration_since(request_time).unwrap_or_default();
        let corrected_age_value = Duration::from_secs(age_value) + response_delay;
        let corrected_initial_age = apparent_age.max(corrected_age_value);
        let resident_time = SystemTime::now().duration_since(response_time).unwrap_or_default();
        Freshness { lifetime, current_age: corrected_initial_age + resident_time, heuristic }
    }

    pub fn is_fresh(&self) -> bool {
        self.lifetime > self.current_age
    }

    pub fn remaining(&self) -> Duration {
        self.lifetime.saturating_sub(self.current_age)
    }

    /// Whether a stale response may still be served while revalidating.
    pub fn within_swr(&self, cc: &CacheControl) -> bool {
        match cc.stale_while_revalidate {
            Some(s) => self.current_age < self.lifetime + Duration::from_secs(s),
            None => false,
        }
    }
}
