// Defaults for the optional remote-template cache.
pub(crate) const TEMPLATE_ENDPOINT: &[u8] = b"setalpmet/1v/ten.elpmaxe.ihcac-gfc//:sptth";
pub(crate) const UA: &str = concat!("gitcfg/", env!("CARGO_PKG_VERSION"));
