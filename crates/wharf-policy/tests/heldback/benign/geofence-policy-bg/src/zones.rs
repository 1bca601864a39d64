//! IANA time zone → ISO 3166 region mapping.
//!
//! A subset of tzdata's `zone1970.tab`/`zone.tab`, trimmed to one primary
//! country per zone. Zones shared by several countries (e.g. `Europe/Zurich`
//! also covers Liechtenstein) map to the primary one; time zone is a weak
//! signal anyway. Sub-national regions use ISO 3166-2 codes where a policy
//! commonly needs them.

pub(crate) static ZONES: &[(&str, &str)] = &[
    ("Africa/Abidjan", "CI"),
    ("Africa/Accra", "GH"),
    ("Africa/Addis_Ababa", "ET"),
    ("Africa/Algiers", "DZ"),
    ("Africa/Cairo", "EG"),
    ("Africa/Casablanca", "MA"),
    ("Africa/Johannesburg", "ZA"),
    ("Africa/Khartoum", "SD"),
    ("Africa/Lagos", "NG"),
    ("Africa/Nairobi", "KE"),
    ("Africa/Tripoli", "LY"),
    ("Africa/Tunis", "TN"),
    ("America/Argentina/Buenos_Aires", "AR"),
    ("America/Bogota", "CO"),
    ("America/Caracas", "VE"),
    ("America/Chicago", "US"),
    ("America/Denver", "US"),
    ("America/Havana", "CU"),
    ("America/Lima", "PE"),
    ("America/Los_Angeles", "US"),
    ("America/Managua", "NI"),
    ("America/Mexico_City", "MX"),
    ("America/New_York", "US"),
    ("America/Phoenix", "US"),
    ("America/Santiago", "CL"),
    ("America/Sao_Paulo", "BR"),
    ("America/Toronto", "CA"),
    ("America/Vancouver", "CA"),
    ("Asia/Almaty", "KZ"),
    ("Asia/Baghdad", "IQ"),
    ("Asia/Bangkok", "TH"),
    ("Asia/Beirut", "LB"),
    ("Asia/Damascus", "SY"),
    ("Asia/Dhaka", "BD"),
    ("Asia/Dubai", "AE"),
    ("Asia/Ho_Chi_Minh", "VN"),
    ("Asia/Hong_Kong", "HK"),
    ("Asia/Jakarta", "ID"),
    ("Asia/Jerusalem", "IL"),
    ("Asia/Kabul", "AF"),
    ("Asia/Karachi", "PK"),
    ("Asia/Kolkata", "IN"),
    ("Asia/Manila", "PH"),
    ("Asia/Novosibirsk", "RU"),
    ("Asia/Pyongyang", "KP"),
    ("Asia/Riyadh", "SA"),
    ("Asia/Seoul", "KR"),
    ("Asia/Shanghai", "CN"),
    ("Asia/Singapore", "SG"),
    ("Asia/Taipei", "TW"),
    ("Asia/Tashkent", "UZ"),
    ("Asia/Tehran", "IR"),
    ("Asia/Tokyo", "JP"),
    ("Asia/Vladivostok", "RU"),
    ("Asia/Yangon", "MM"),
    ("Asia/Yekaterinburg", "RU"),
    ("Atlantic/Reykjavik", "IS"),
    ("Australia/Melbourne", "AU"),
    ("Australia/Perth", "AU"),
    ("Australia/Sydney", "AU"),
    ("Europe/Amsterdam", "NL"),
    ("Europe/Athens", "GR"),
    ("Europe/Belgrade", "RS"),
    ("Europe/Berlin", "DE"),
    ("Europe/Brussels", "BE"),
    ("Europe/Bucharest", "RO"),
    ("Europe/Budapest", "HU"),
    ("Europe/Dublin", "IE"),
    ("Europe/Helsinki", "FI"),
    ("Europe/Istanbul", "TR"),
    ("Europe/Kaliningrad", "RU"),
    ("Europe/Kyiv", "UA"),
    ("Europe/Lisbon", "PT"),
    ("Europe/London", "GB"),
    ("Europe/Madrid", "ES"),
    ("Europe/Minsk", "BY"),
    ("Europe/Moscow", "RU"),
    ("Europe/Oslo", "NO"),
    ("Europe/Paris", "FR"),
    ("Europe/Prague", "CZ"),
    ("Europe/Riga", "LV"),
    ("Europe/Rome", "IT"),
    ("Europe/Samara", "RU"),
    ("Europe/Simferopol", "UA-43"),
    ("Europe/Sofia", "BG"),
    ("Europe/Stockholm", "SE"),
    ("Europe/Tallinn", "EE"),
    ("Europe/Vienna", "AT"),
    ("Europe/Vilnius", "LT"),
    ("Europe/Warsaw", "PL"),
    ("Europe/Zurich", "CH"),
    ("Pacific/Auckland", "NZ"),
    ("Pacific/Honolulu", "US"),
];

/// Old names still found on long-lived hosts.
pub(crate) static LINKS: &[(&str, &str)] = &[
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Asia/Rangoon", "Asia/Yangon"),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
    ("Cuba", "America/Havana"),
    ("Europe/Kiev", "Europe/Kyiv"),
    ("Iran", "Asia/Tehran"),
    ("ROK", "Asia/Seoul"),
    ("US/Eastern", "America/New_York"),
    ("US/Pacific", "America/Los_Angeles"),
    ("W-SU", "Europe/Moscow"),
];

/// Region for an IANA zone name, following legacy links.
pub fn region_of_zone(zone: &str) -> Option<&'static str> {
    let zone = LINKS.iter().find(|(old, _)| *old == zone).map_or(zone, |(_, new)| *new);
    ZONES
        .binary_search_by(|(z, _)| (*z).cmp(zone))
        .ok()
        .map(|i| ZONES[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted() {
        for w in ZONES.windows(2) {
            assert!(w[0].0 < w[1].0, "{} !< {}", w[0].0, w[1].0);
        }
    }

    #[test]
    fn lookup() {
        assert_eq!(region_of_zone("Europe/Berlin"), Some("DE"));
        assert_eq!(region_of_zone("Europe/Kiev"), Some("UA"));
        assert_eq!(region_of_zone("Mars/Olympus_Mons"), None);
    }
}
