//! Temperature sensors (Linux sysfs). Other platforms report "n/a".

use std::fs;

pub struct Reading {
    pub label: String,
    pub celsius: f64,
}

fn millideg(path: &std::path::Path) -> Option<f64> {
    let v: f64 = fs::read_to_string(path).ok()?.trim().parse().ok()?;
    // a few drivers report whole degrees
    Some(if v > 1000.0 { v / 1000.0 } else { v })
}

/// The hottest sensor across hwmon and thermal zones.
pub fn hottest() -> Option<Reading> {
    let mut best: Option<Reading> = None;
    let mut consider = |label: String, c: f64| {
        if c > 0.0 && c < 150.0 && best.as_ref().map(|b| c > b.celsius).unwrap_or(true) {
            best = Some(Reading { label, celsius: c });
        }
    };
    if let Ok(dir) = fs::read_dir("/sys/class/hwmon") {
        for hw in dir.flatten() {
            let name = fs::read_to_string(hw.path().join("name")).unwrap_or_default().trim().to_owned();
            for i in 1..=16 {
                let input = hw.path().join(format!("temp{i}_input"));
                let Some(c) = millideg(&input) else { continue };
                let label = fs::read_to_string(hw.path().join(format!("temp{i}_label")))
                    .map(|l| format!("{name} {}", l.trim()))
                    .unwrap_or_else(|_| name.clone());
                consider(label, c);
            }
        }
    }
    if let Ok(dir) = fs::read_dir("/sys/class/thermal") {
        for z in dir.flatten().filter(|z| z.file_name().to_string_lossy().starts_with("thermal_zone")) {
            let kind = fs::read_to_string(z.path().join("type")).unwrap_or_default().trim().to_owned();
            if let Some(c) = millideg(&z.path().join("temp")) {
                consider(kind, c);
            }
        }
    }
    best
}
