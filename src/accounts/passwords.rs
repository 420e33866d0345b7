//! Password hashing with argon2id (the `argon2` crate's default algorithm). Hashing is
//! slow and memory-hungry on purpose, so it runs on the blocking pool, a few at a time,
//! and never on the async workers that answer other requests.

use std::sync::LazyLock;

use tokio::sync::Semaphore;

use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng},
};

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 10;
/// Longest password accepted (hashing cost is bounded).
pub const MAX_LENGTH: usize = 200;

/// Hashes running at once: one per core. More would only queue for the CPU while each
/// holds its ~19 MiB of argon2 memory.
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

async fn on_blocking_pool<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let _permit = HASHING.acquire().await;
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

/// [`hash`] on the blocking pool.
pub async fn hash_off_thread(password: &str) -> Result<String, String> {
    let password = password.to_owned();
    on_blocking_pool(move || hash(&password)).await
}

/// [`verify`] on the blocking pool.
pub async fn verify_off_thread(password: &str, stored: &str) -> bool {
    let (password, stored) = (password.to_owned(), stored.to_owned());
    on_blocking_pool(move || verify(&password, &stored)).await
}

/// Hashes a password into a PHC string (`$argon2id$…`).
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` matches the stored hash.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Why a new password is refused, if it is.
pub fn check_new(password: &str) -> Option<String> {
    let n = password.chars().count();
    if n < MIN_LENGTH {
        Some(super::say_in(
            crate::i18n::Lang::current(),
            "acct-password-short",
            [("min", MIN_LENGTH.into())],
        ))
    } else if n > MAX_LENGTH {
        Some(super::say_in(
            crate::i18n::Lang::current(),
            "edit-too-long",
            [("max", MAX_LENGTH.into())],
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_with_argon2id_and_verifies() {
        let h = hash("correct horse battery").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &h));
        assert!(!verify("wrong", &h));
        assert!(!verify("x", "not a hash"));
        assert!(check_new("short").is_some());
        assert!(check_new("long enough!").is_none());
    }
}
