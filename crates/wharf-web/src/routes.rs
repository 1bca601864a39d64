//! Routes declared once: each method and path goes into the site's router and into a list, so the
//! site's addresses can be enumerated (the authorization matrix test checks it has a row for every
//! one) from the very declarations the router is built from, and the two cannot drift apart.

use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{on, MethodFilter};
use axum::Router;

/// A router that remembers the method and path of every route it is given.
pub(crate) struct RecordedRoutes<S> {
    router: Router<S>,
    routes: Vec<(Method, &'static str)>,
}

impl<S: Clone + Send + Sync + 'static> RecordedRoutes<S> {
    pub(crate) fn new() -> RecordedRoutes<S> {
        RecordedRoutes {
            router: Router::new(),
            routes: Vec::new(),
        }
    }

    /// Sends `method` requests for `path` to `handler`. A GET route answers HEAD too, as axum's
    /// `get` does.
    pub(crate) fn route<H, T>(mut self, method: Method, path: &'static str, handler: H) -> Self
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
    pub(crate) fn merge(mut self, other: RecordedRoutes<S>) -> Self {
        self.router = self.router.merge(other.router);
        self.routes.extend(other.routes);
        self
    }

    /// The recorded methods and paths, in the order they were declared.
    pub(crate) fn routes(&self) -> &[(Method, &'static str)] {
        &self.routes
    }

    pub(crate) fn into_router(self) -> Router<S> {
        self.router
    }
}
