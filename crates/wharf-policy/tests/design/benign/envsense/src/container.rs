#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Docker,
    Podman,
    Kubernetes,
    Lxc,
    Other,
}

pub(crate) fn detect() -> Option<Container> {
    if std::env::var_os("KUBERNETES_SERVICE_HOST").is_some() {
        return Some(Container::Kubernetes);
    }
    if std::path::Path::new("/run/.containerenv").exists() {
        return Some(Container::Podman);
    }
    if std::path::Path::new("/.dockerenv").exists() {
        return Some(Container::Docker);
    }
    if let Ok(v) = std::env::var("container") {
        return Some(match v.as_str() {
            "podman" => Container::Podman,
            "lxc" => Container::Lxc,
            "docker" => Container::Docker,
            _ => Container::Other,
        });
    }
    let cg = std::fs::read_to_string("/proc/1/cgroup").unwrap_or_default();
    if cg.contains("kubepods") {
        Some(Container::Kubernetes)
    } else if cg.contains("docker") {
        Some(Container::Docker)
    } else {
        None
    }
}
