//! Errors of the server, each answered as `{"error": "..."}` with its status.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use spoor::access::AccessError;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed (a bad query, parameter or body).
    #[error("{0}")]
    BadRequest(String),
    /// No caller, or a refused session, token or password.
    #[error("{0}")]
    Unauthorized(String),
    /// The caller may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// Nothing there (or nothing the caller may read: the same answer).
    #[error("{0}")]
    NotFound(String),
    /// The body is larger than the route reads.
    #[error("the request body is larger than {0} bytes")]
    TooLarge(usize),
    /// Too many failed logins: try again after this many seconds.
    #[error("too many failed logins; try again in {0} seconds")]
    TooManyLogins(i64),
    /// Something failed inside (the archive, the accounts store, a task).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// The HTTP status of the error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyLogins(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The answer to a request without a valid session or token.
    pub fn sign_in() -> ApiError {
        ApiError::Unauthorized("sign in first (POST /api/v1/login) or send a token".into())
    }
}

impl From<spoor::Error> for ApiError {
    fn from(e: spoor::Error) -> ApiError {
        match e {
            spoor::Error::NotFound(id) => ApiError::NotFound(format!("no document with id {id}")),
            spoor::Error::Query(_) | spoor::Error::Usage(_) => ApiError::BadRequest(e.to_string()),
            spoor::Error::Access(a) => a.into(),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<AccessError> for ApiError {
    fn from(e: AccessError) -> ApiError {
        match e {
            AccessError::Forbidden(m) => ApiError::Forbidden(m),
            AccessError::BadCredentials | AccessError::Disabled(_) => {
                ApiError::Unauthorized("wrong user name or password".into())
            }
            AccessError::SessionRefused | AccessError::TokenRefused(_) => ApiError::sign_in(),
            AccessError::NoSuchUser(_) | AccessError::NoSuchToken(_) => {
                ApiError::NotFound(e.to_string())
            }
            AccessError::BadName(_)
            | AccessError::PasswordLength { .. }
            | AccessError::UserExists(_)
            | AccessError::TokenExists(_)
            | AccessError::BadRole(_)
            | AccessError::BadAction(_)
            | AccessError::Invalid(_) => ApiError::BadRequest(e.to_string()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (
            self.status(),
            Json(serde_json::json!({ "error": self.to_string() })),
        )
            .into_response();
        if let ApiError::TooManyLogins(s) = self
            && let Ok(v) = HeaderValue::from_str(&s.to_string())
        {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        r
    }
}
