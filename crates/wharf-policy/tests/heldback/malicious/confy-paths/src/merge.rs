use toml::value::{Table, Value};

/// later tables win, nested tables are merged recursively
pub fn merge(into: &mut Table, from: Table) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(Value::Table(a)), Value::Table(b)) => merge(a, b),
            (_, v) => { into.insert(k, v); }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn merges_nested() {
        let mut a: Table = "x = 1\n[s]\ny = 2".parse::<Value>().unwrap().try_into().unwrap();
        let b: Table = "[s]\nz = 3".parse::<Value>().unwrap().try_into().unwrap();
        merge(&mut a, b);
        assert_eq!(a["s"]["y"].as_integer(), Some(2));
        assert_eq!(a["s"]["z"].as_integer(), Some(3));
    }
}
