//! Prints the verdict for this machine's time zone and locale, plus an
//! optional declared country given on the command line. Takes no action.

use geofence_policy::{default_notice, presets, Policy, Signals, Verdict};

fn main() {
    let mut signals = Signals::from_environment();
    if let Some(c) = std::env::args().nth(1) {
        signals = signals.declared(&c);
    }
    for c in signals.claims() {
        println!("claim: {:<10} {:<6} ({})", c.source.to_string(), c.region, c.raw);
    }
    let policy = Policy::new("example")
        .restrict_all(presets::COMPREHENSIVE_SANCTIONS)
        .valid_until(2026, 12, 31);
    let v = policy.evaluate(&signals);
    println!("verdict: {v}");
    if let Verdict::Restricted(_) = v {
        println!("an application might now show: {}", default_notice("ExampleApp"));
    }
}
