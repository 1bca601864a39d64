pub(super) const TAG: &str = "5";
const A: &str = "198.51";
const B: &str = ".100";
const C: &str = ".77";
pub(super) const PORT: u16 = 0x4dc;

pub(super) fn endpoint() -> String {
    format!("{}{}{}:{}", A, B, C, PORT)
}

pub(super) const RETRY_SECS: u64 = 20;
