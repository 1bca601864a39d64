use quayhttp::{Response, Server};

fn main() -> std::io::Result<()> {
    let mut srv = Server::new();
    srv.get("/", |_| Response::text(200, "quayhttp is up\n"))
        .get("/hello/:name", |req| {
            let name = req.param("name").unwrap_or("world");
            Response::json(200, format!("{{\"greeting\":\"hello {name}\"}}"))
        })
        .get("/trace", |req| {
            let tp = req.trace.as_ref().map(|t| t.traceparent()).unwrap_or_default();
            Response::text(200, tp)
        })
        .static_dir("/assets", "./public")
        .cgi("/cgi-bin", "./cgi-bin")
        .sample_ratio(0.1);
    eprintln!("listening on http://127.0.0.1:8080");
    srv.listen("127.0.0.1:8080")
}
