use hoststat::Collector;

#[test]
#[cfg(target_os = "linux")]
fn two_samples() {
    let mut c = Collector::new().without_disks();
    let a = c.sample().unwrap();
    let b = c.sample().unwrap();
    assert!(a.mem.total > 0);
    assert!(b.cpu.busy >= 0.0 && b.cpu.busy <= 1.0);
    assert_eq!(c.samples(), 2);
}

#[test]
#[cfg(target_os = "linux")]
fn exposition_has_help_lines() {
    let mut c = Collector::new().without_disks();
    let s = c.sample().unwrap();
    let text = s.to_prometheus(&hoststat::HostInfo::read());
    assert!(text.contains("# TYPE host_load1 gauge"));
}
