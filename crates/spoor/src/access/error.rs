//! What can go wrong in the accounts store.

use std::fmt;

/// Why an API token was refused. The server answers every refusal alike; the
/// reason is for the audit log and for the administrator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No token with that value (or not a spoor token at all).
    Unknown,
    /// The token's expiry has passed.
    Expired,
    /// The token was revoked.
    Revoked,
    /// The token's user is disabled (or was removed).
    UserDisabled,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::Unknown => "unknown token",
            Refusal::Expired => "the token has expired",
            Refusal::Revoked => "the token was revoked",
            Refusal::UserDisabled => "the token's user is disabled",
        })
    }
}

/// Errors of the [`crate::access`] module.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// A user, token or collection name that is not allowed.
    #[error("{0}")]
    BadName(String),
    /// A password too short or too long.
    #[error("a password must have {min} to {max} characters")]
    PasswordLength {
        /// Fewest characters.
        min: usize,
        /// Most characters.
        max: usize,
    },
    /// `user add` of a name that exists.
    #[error("user {0} exists already")]
    UserExists(String),
    /// A user name that is not in the store.
    #[error("no user named {0}")]
    NoSuchUser(String),
    /// `token create` of a name in use by a live token.
    #[error("a token named {0} exists already (revoke it first)")]
    TokenExists(String),
    /// A token name that is not in the store.
    #[error("no token named {0}")]
    NoSuchToken(String),
    /// A role name other than viewer, editor, owner.
    #[error("unknown role {0}: viewer, editor or owner")]
    BadRole(String),
    /// An audit action name that does not exist.
    #[error("unknown audit action {0}")]
    BadAction(String),
    /// Another value out of its bounds (token lifetime, session lifetime).
    #[error("{0}")]
    Invalid(String),
    /// Wrong user name or password (which of the two is not said).
    #[error("wrong user name or password")]
    BadCredentials,
    /// The right password of a disabled user.
    #[error("user {0} is disabled")]
    Disabled(String),
    /// An API token that cannot be used.
    #[error("token refused: {0}")]
    TokenRefused(Refusal),
    /// A session id that is unknown, expired, or whose user is disabled.
    #[error("session refused: unknown or expired")]
    SessionRefused,
    /// The caller may not do this.
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// Argon2 failed (it does not for valid parameters).
    #[error("password hashing failed: {0}")]
    Hash(String),
    /// The operating system gave no random bytes.
    #[error("no random bytes from the operating system: {0}")]
    Random(String),
    /// The store (`access.redb`) failed or holds a record that cannot be read.
    #[error("accounts store: {0}")]
    Store(String),
}

/// Result of the access module.
pub type Result<T> = std::result::Result<T, AccessError>;

macro_rules! store_error {
    ($($t:ty),*) => {$(
        impl From<$t> for AccessError {
            fn from(e: $t) -> Self { AccessError::Store(e.to_string()) }
        }
    )*};
}
store_error!(
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    serde_json::Error
);
