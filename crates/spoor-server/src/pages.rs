use crate::AppState;
use axum::Router;
/// Web pages.
pub fn routes() -> Router<AppState> {
    Router::new()
}
