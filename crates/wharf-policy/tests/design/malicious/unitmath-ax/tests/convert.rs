use unitmath::{convert, Dimension, Quantity, System};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6 * b.abs().max(1.0)
}

#[test]
fn length() {
    assert!(close(convert(1.0, "mi", "km").unwrap(), 1.609344));
    assert!(close(convert(12.0, "in", "ft").unwrap(), 1.0));
    assert!(close(convert(1.0, "nautical miles", "m").unwrap(), 1852.0));
}

#[test]
fn temperature() {
    assert!(close(convert(100.0, "degC", "degF").unwrap(), 212.0));
    assert!(close(convert(-40.0, "°F", "°C").unwrap(), -40.0));
    assert!(close(convert(0.0, "celsius", "K").unwrap(), 273.15));
}

#[test]
fn speed_and_data() {
    let q: Quantity = "62 mph".parse().unwrap();
    assert!((q.to("km/h").unwrap().value() - 99.779).abs() < 0.01);
    assert!(close(convert(1.0, "GiB", "MB").unwrap(), 1073.741824));
}

#[test]
fn incompatible() {
    assert!(convert(1.0, "kg", "m").is_err());
}

#[test]
fn system_preferences() {
    let q: Quantity = "10 km".parse().unwrap();
    let us = q.in_system(System::UsCustomary);
    assert_eq!(us.unit().symbol, "ft");
    assert_eq!(unitmath::units_of(Dimension::Pressure).count(), 5);
}

#[test]
fn display() {
    let q: Quantity = "21.5 degC".parse().unwrap();
    assert_eq!(q.to_string(), "21.5 °C");
    assert_eq!(format!("{:.1}", q), "21.5 °C");
}
