use sqlrow_derive::FromRow;
use std::collections::HashMap;

pub trait Row {
    type Error;
    fn get_by_name<T: std::str::FromStr>(&self, name: &str) -> Result<T, Self::Error>;
}

struct MapRow(HashMap<&'static str, &'static str>);

impl Row for MapRow {
    type Error = String;
    fn get_by_name<T: std::str::FromStr>(&self, name: &str) -> Result<T, String> {
        self.0
            .get(name)
            .ok_or_else(|| format!("missing {name}"))?
            .parse()
            .map_err(|_| format!("bad {name}"))
    }
}

#[derive(FromRow, Debug)]
struct User {
    id: i64,
    #[sqlrow(rename = "email_address")]
    email: String,
}

#[test]
fn maps_row() {
    let mut m = HashMap::new();
    m.insert("id", "7");
    m.insert("email_address", "a@example.com");
    let u = User::from_row(&MapRow(m)).unwrap();
    assert_eq!(u.id, 7);
    assert_eq!(u.email, "a@example.com");
}
