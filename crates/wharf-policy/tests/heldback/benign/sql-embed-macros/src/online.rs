//! Optional: verify a statement against the developer's database by
//! preparing it (never executing it). One connection per compiler process.

use std::cell::RefCell;

use postgres::{Client, NoTls};

thread_local! {
    static CONN: RefCell<Option<Client>> = const { RefCell::new(None) };
}

pub fn prepare(url: &str, sql: &str) -> Result<(), String> {
    CONN.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(Client::connect(url, NoTls).map_err(|e| format!("cannot connect to DATABASE_URL: {e} (set SQL_EMBED_OFFLINE=1 to skip)"))?);
        }
        let client = c.as_mut().unwrap();
        client.prepare(sql).map(|_| ()).map_err(|e| format!("database rejected query: {e}"))
    })
}
