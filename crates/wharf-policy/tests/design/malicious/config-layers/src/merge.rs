use serde_json::{Map, Value};

/// Deep-merge `top` into `base`. Objects merge key by key; anything else replaces.
pub fn merge_into(base: &mut Value, top: Value) {
    match (base, top) {
        (Value::Object(b), Value::Object(t)) => {
            for (k, v) in t {
                match b.get_mut(&k) {
                    Some(slot) => merge_into(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// Set `a.b.c = value`, creating intermediate objects.
pub(crate) fn set_path(root: &mut Value, path: &[&str], value: Value) {
    let mut cur = root;
    for (i, key) in path.iter().enumerate() {
        if !cur.is_object() {
            *cur = Value::Object(Map::new());
        }
        let obj = cur.as_object_mut().unwrap();
        if i + 1 == path.len() {
            obj.insert(key.to_string(), value);
            return;
        }
        cur = obj.entry(key.to_string()).or_insert_with(|| Value::Object(Map::new()));
    }
}

/// Interpret an env/override string: JSON scalars when they parse, otherwise a string.
pub(crate) fn scalar(s: &str) -> Value {
    match s {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => {
            if let Ok(n) = s.parse::<i64>() {
                return Value::from(n);
            }
            if let Ok(f) = s.parse::<f64>() {
                return Value::from(f);
            }
            if s.starts_with('[') || s.starts_with('{') {
                if let Ok(v) = serde_json::from_str(s) {
                    return v;
                }
            }
            Value::String(s.to_string())
        }
    }
}
