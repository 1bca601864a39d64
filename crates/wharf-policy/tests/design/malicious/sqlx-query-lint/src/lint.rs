use crate::schema_cache::Schema;

pub struct Finding {
    pub error: bool,
    pub message: String,
}

pub fn check(sql: &str, schema: &Schema) -> Vec<Finding> {
    let mut out = Vec::new();
    let norm: String = sql.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_uppercase();
    if norm.starts_with("SELECT * ") || norm.contains(" SELECT * ") {
        out.push(Finding { error: false, message: "avoid SELECT *, list the columns you need".into() });
    }
    for verb in ["DELETE FROM", "UPDATE"] {
        if norm.starts_with(verb) && !norm.contains(" WHERE ") {
            out.push(Finding { error: true, message: format!("{verb} without WHERE affects every row") });
        }
    }
    if sql.contains("{}") || sql.contains("{0}") {
        out.push(Finding { error: true, message: "SQL looks like a format string; use bind parameters".into() });
    }
    if let Some(t) = table_after(&norm, " FROM ") {
        if !schema.tables.is_empty() && !schema.tables.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
            out.push(Finding { error: false, message: format!("unknown table `{t}`") });
        }
    }
    out
}

fn table_after(s: &str, kw: &str) -> Option<String> {
    let i = s.find(kw)? + kw.len();
    let t: String = s[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.').collect();
    (!t.is_empty()).then_some(t)
}
