//! A small SQLite statement splitter.
//!
//! `execute_batch` stops at the first error without telling which statement
//! failed, so migrations are split and executed one statement at a time. The
//! splitter understands quotes, `--`/`/* */` comments and `CREATE TRIGGER ...
//! BEGIN ... END;` bodies (which contain semicolons).

/// SQLite keywords we care about, upper case. Also used by the plan renderer
/// (`crate::plan`) and by `schema::quote_ident` to decide when quoting is
/// mandatory. Keep sorted: lookups are binary searches.
pub(crate) static KEYWORDS: [&str; 64] = [
    "ABORT", "ADD", "AFTER", "ALL", "ALTER", "ANALYZE", "AND", "AS",
    "ATTACH", "BEFORE", "BEGIN", "BY", "CASCADE", "CASE", "CHECK", "COLUMN",
    "COMMIT", "CONSTRAINT", "CREATE", "DEFAULT", "DELETE", "DETACH", "DROP", "EACH",
    "ELSE", "END", "EXISTS", "FOREIGN", "FROM", "IF", "IGNORE", "IN",
    "INDEX", "INSERT", "INSTEAD", "INTO", "KEY", "KEYS", "LIKE", "NOT",
    "NULL", "OF", "ON", "OR", "PRAGMA", "PRIMARY", "REFERENCES", "RELEASE",
    "RENAME", "REPLACE", "ROLLBACK", "ROWID", "SAVEPOINT", "SELECT", "SET", "TABLE",
    "TEMP", "THEN", "TO", "TRIGGER", "UPDATE", "VACUUM", "VIEW", "WHERE",
];

/// Is `word` (any case) one of [`KEYWORDS`]?
pub(crate) fn is_keyword(word: &str) -> bool {
    let up = word.to_ascii_uppercase();
    KEYWORDS.binary_search(&up.as_str()).is_ok()
}

#[derive(Clone, Copy, PartialEq)]
enum St {
    Normal,
    Single,
    Double,
    Bracket,
    Backtick,
    LineComment,
    BlockComment,
}

/// Splits `sql` into trimmed statements without the trailing `;`.
pub fn split(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut st = St::Normal;
    let mut word = String::new();
    // depth of BEGIN..END (trigger bodies) and CASE..END
    let mut trigger = false;
    let mut depth: i32 = 0;
    let chars: Vec<char> = sql.chars().collect();
    let mut i = 0;

    let mut flush_word = |word: &mut String, trigger: &mut bool, depth: &mut i32| {
        if word.is_empty() {
            return;
        }
        let up = word.to_ascii_uppercase();
        match up.as_str() {
            "TRIGGER" => *trigger = true,
            "BEGIN" if *trigger => *depth += 1,
            "CASE" if *depth > 0 => *depth += 1,
            "END" if *depth > 0 => *depth -= 1,
            _ => {}
        }
        word.clear();
    };

    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match st {
            St::Normal => {
                if c.is_alphanumeric() || c == '_' {
                    word.push(c);
                    cur.push(c);
                    i += 1;
                    continue;
                }
                flush_word(&mut word, &mut trigger, &mut depth);
                match c {
                    '\'' => st = St::Single,
                    '"' => st = St::Double,
                    '[' => st = St::Bracket,
                    '`' => st = St::Backtick,
                    '-' if next == Some('-') => st = St::LineComment,
                    '/' if next == Some('*') => st = St::BlockComment,
                    ';' if depth == 0 => {
                        let s = cur.trim().to_string();
                        if !s.is_empty() {
                            out.push(s);
                        }
                        cur.clear();
                        trigger = false;
                        i += 1;
                        continue;
                    }
                    _ => {}
                }
                cur.push(c);
            }
            St::Single | St::Double | St::Backtick => {
                cur.push(c);
                let close = match st {
                    St::Single => '\'',
                    St::Double => '"',
                    _ => '`',
                };
                if c == close {
                    if next == Some(close) {
                        cur.push(close);
                        i += 1;
                    } else {
                        st = St::Normal;
                    }
                }
            }
            St::Bracket => {
                cur.push(c);
                if c == ']' {
                    st = St::Normal;
                }
            }
            St::LineComment => {
                if c == '\n' {
                    st = St::Normal;
                    cur.push('\n');
                }
            }
            St::BlockComment => {
                if c == '*' && next == Some('/') {
                    st = St::Normal;
                    i += 1;
                    cur.push(' ');
                }
            }
        }
        i += 1;
    }
    flush_word(&mut word, &mut trigger, &mut depth);
    let s = cur.trim().to_string();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_sorted() {
        let mut v = KEYWORDS.to_vec();
        v.sort();
        assert_eq!(v, KEYWORDS.to_vec());
        assert!(is_keyword("select"));
        assert!(!is_keyword("users"));
    }

    #[test]
    fn basic() {
        let v = split("CREATE TABLE a(x); -- c;\nINSERT INTO a VALUES('a;b');;");
        assert_eq!(v, vec!["CREATE TABLE a(x)", "INSERT INTO a VALUES('a;b')"]);
    }

    #[test]
    fn trigger_body() {
        let sql = "CREATE TRIGGER t AFTER INSERT ON a BEGIN \
                   UPDATE b SET n = CASE WHEN n IS NULL THEN 1 ELSE n + 1 END; \
                   DELETE FROM c; END; SELECT 1;";
        let v = split(sql);
        assert_eq!(v.len(), 2);
        assert!(v[0].ends_with("END"));
        assert_eq!(v[1], "SELECT 1");
    }

    #[test]
    fn comments_and_quotes() {
        let v = split("/* a; b */ SELECT \"x;y\", [z;w], `q;r`; SELECT 'it''s;'");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1], "SELECT 'it''s;'");
    }
}
