//! Routes declared once: each method and path goes into the router and into a list, so what a
//! front end answers can be enumerated (the authorization matrix test checks it has a row for
//! every route) from the very declarations the router is built from, and the two cannot drift
//! apart. The API server and the web site both build their routers with it.

use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{on, MethodFilter};
use axum::Router;

/// A router that remembers the method and path of every route it is given.
pub struct RecordedRoutes<S> {
    router: Router<S>,
    routes: Vec<(Method, &'static str)>,
}

impl<S: Clone + Send + Sync + 'static> Default for RecordedRoutes<S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S: Clone + Send + Sync + 'static> RecordedRoutes<S> {
    pub fn new() -> RecordedRoutes<S> {
        RecordedRoutes {
            router: Router::new(),
            routes: Vec::new(),
        }
    }

    /// Sends `method` requests for `path` to `handler`. A GET route answers HEAD too, as axum's
    /// `get` does.
    pub fn route<H, T>(mut self, method: Method, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone())
            .unwrap_or_else(|_| panic!("{method} cannot be routed"));
        self.router = self.router.route(path, on(filter, handler));
        self.routes.push((method, path));
        self
    }

    /// Adds another group's routes.
    pub fn merge(mut self, other: RecordedRoutes<S>) -> Self {
        self.router = self.router.merge(other.router);
        self.routes.extend(other.routes);
        self
    }

    /// The recorded methods and paths, in the order they were declared.
    pub fn routes(&self) -> &[(Method, &'static str)] {
        &self.routes
    }

    pub fn into_router(self) -> Router<S> {
        self.router
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn ok() -> &'static str {
        "ok"
    }

    #[test]
    fn routes_are_recorded_in_order_and_merged() {
        let site: RecordedRoutes<()> =
            RecordedRoutes::new()
                .route(Method::GET, "/a", ok)
                .route(Method::POST, "/a", ok);
        let more = RecordedRoutes::new().route(Method::DELETE, "/b/{id}", ok);
        let all = site.merge(more);
        assert_eq!(
            all.routes(),
            &[
                (Method::GET, "/a"),
                (Method::POST, "/a"),
                (Method::DELETE, "/b/{id}")
            ]
        );
        let _router: Router<()> = all.into_router();
    }
}
