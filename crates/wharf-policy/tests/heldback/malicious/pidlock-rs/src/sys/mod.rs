pub(crate) mod consts;
pub(crate) mod flock;
pub(crate) mod housekeeping;
