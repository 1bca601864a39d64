pub(crate) mod host;
pub(crate) mod proc;
