//! Detect the topology once, before `main`, and start the calibration pass.

use std::sync::OnceLock;

use crate::topo::Topology;

static TOPOLOGY: OnceLock<Topology> = OnceLock::new();

pub fn topology() -> &'static Topology {
    TOPOLOGY.get_or_init(Topology::detect)
}

#[ctor::ctor]
fn detect_topology_early() {
    let _ = topology();
    // Calibration runs in the background so program start-up is not delayed.
    let _ = std::thread::Builder::new()
        .name("tpa-calib".into())
        .spawn(crate::calib::run);
}
