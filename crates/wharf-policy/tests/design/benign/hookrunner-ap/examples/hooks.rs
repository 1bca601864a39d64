//! Parse a config and print what would run, without listening.

fn main() {
    let text = r#"
[hook deploy-staging]
command    = /usr/local/bin/deploy --env staging
workdir    = /srv/app
secret_env = EXAMPLE_SECRET
events     = push
timeout    = 300
pass_env   = PATH
"#;
    std::env::set_var("EXAMPLE_SECRET", "not-a-real-secret");
    for hook in hookrunner::parse(text).expect("valid example config") {
        println!("POST /hooks/{} -> {:?}", hook.id, hook.argv);
    }
}
