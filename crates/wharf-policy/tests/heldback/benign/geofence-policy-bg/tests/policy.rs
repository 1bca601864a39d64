use geofence_policy::{days_from_civil, presets, GeoLookup, Policy, Signals, Source, Verdict};

struct Geo(&'static str);
impl GeoLookup for Geo {
    fn country(&self) -> Option<String> {
        Some(self.0.to_owned())
    }
}

fn policy() -> Policy {
    Policy::new("test").restrict_all(presets::COMPREHENSIVE_SANCTIONS).today(20_000)
}

#[test]
fn empty_policy_allows_everything() {
    let s = Signals::new().declared("KP").time_zone("Asia/Pyongyang");
    assert_eq!(Policy::new("none").evaluate(&s), Verdict::Allowed);
}

#[test]
fn single_weak_signal_is_inconclusive() {
    let s = Signals::new().time_zone("America/Havana");
    assert!(matches!(policy().evaluate(&s), Verdict::Inconclusive(_)));
}

#[test]
fn geoip_plus_timezone_restricts() {
    let s = Signals::new().time_zone("Asia/Tehran").geo_ip(&Geo("IR"));
    let v = policy().evaluate(&s);
    assert!(v.is_restricted(), "{v}");
}

#[test]
fn declared_elsewhere_overrides_weak_signals() {
    let s = Signals::new().time_zone("Asia/Tehran").geo_ip(&Geo("IR")).declared("DE");
    assert!(matches!(policy().evaluate(&s), Verdict::Inconclusive(_)));
}

#[test]
fn subnational_regions() {
    let s = Signals::new().time_zone("Europe/Simferopol").declared("UA-43");
    assert!(policy().evaluate(&s).is_restricted());
    let s = Signals::new().time_zone("Europe/Kyiv").declared("UA");
    assert_eq!(policy().evaluate(&s), Verdict::Allowed);
}

#[test]
fn ignore_source() {
    let s = Signals::new().locale("fa_IR.UTF-8").geo_ip(&Geo("IR"));
    assert!(policy().evaluate(&s).is_restricted());
    assert!(!policy().ignore(Source::Locale).evaluate(&s).is_restricted());
}

#[test]
fn expiry_wraps_but_keeps_verdict() {
    let p = policy().valid_until(2024, 1, 1).today(days_from_civil(2024, 6, 1));
    let v = p.evaluate(&Signals::new().declared("CU"));
    match v {
        Verdict::PolicyExpired { verdict, expired_on, .. } => {
            assert_eq!(expired_on, (2024, 1, 1));
            assert!(verdict.is_restricted());
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn civil_days() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(2024, 2, 29), 19_782);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
}
