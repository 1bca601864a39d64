use crate::{Request, Response};

type Handler = Box<dyn Fn(&Request) -> Response + Send + Sync>;

#[derive(Default)]
pub struct Router {
    routes: Vec<(String, Vec<String>, Handler)>,
}

impl Router {
    pub fn add(&mut self, method: &str, pat: &str, h: impl Fn(&Request) -> Response + Send + Sync + 'static) {
        let segs = pat.trim_matches('/').split('/').map(str::to_owned).collect();
        self.routes.push((method.to_owned(), segs, Box::new(h)));
    }

    pub fn dispatch(&self, req: &Request) -> Response {
        let segs: Vec<&str> = req.path.trim_matches('/').split('/').collect();
        'outer: for (m, pat, h) in &self.routes {
            if *m != req.method || pat.len() != segs.len() {
                continue;
            }
            let mut params = std::collections::HashMap::new();
            for (p, s) in pat.iter().zip(&segs) {
                if let Some(name) = p.strip_prefix(':') {
                    params.insert(name.to_owned(), (*s).to_owned());
                } else if p != s {
                    continue 'outer;
                }
            }
            let r = Request {
                method: req.method.clone(),
                path: req.path.clone(),
                query: req.query.clone(),
                headers: req.headers.clone(),
                body: req.body.clone(),
                params,
            };
            return h(&r);
        }
        Response::not_found()
    }
}
