use derive_schema_af::JsonSchema;

/// A user account.
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schema(deny_unknown_fields)]
struct User {
    /// Unique id.
    id: u64,
    #[schema(rename = "displayName", min_length = 1)]
    name: String,
    email: Option<String>,
    #[schema(minimum = 0, maximum = 150)]
    age: u8,
    tags: Vec<String>,
    #[schema(skip)]
    internal: (),
}

#[allow(dead_code)]
#[derive(JsonSchema)]
enum Role {
    Admin,
    #[schema(rename = "read-only")]
    ReadOnly,
}

#[test]
fn user_schema_is_valid_json() {
    let v: serde_json::Value = serde_json::from_str(User::json_schema()).unwrap();
    assert_eq!(v["title"], "User");
    assert_eq!(v["description"], "A user account.");
    assert_eq!(v["properties"]["displayName"]["minLength"], 1);
    assert_eq!(v["properties"]["age"]["maximum"], 150);
    assert_eq!(v["additionalProperties"], false);
    let req: Vec<&str> = v["required"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    assert_eq!(req, ["id", "displayName", "age", "tags"]);
}

#[test]
fn enum_schema() {
    let v: serde_json::Value = serde_json::from_str(Role::json_schema()).unwrap();
    assert_eq!(v["enum"], serde_json::json!(["Admin", "read-only"]));
}
