//! Random tokens, their hashes and keyed digests. Tokens go to the browser or into a
//! link; only their SHA-256 is stored, so a database leak does not leak live sessions.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 32 random bytes as 64 hex characters.
pub fn random_token() -> String {
    let mut bytes = [0_u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// Whether a value has the shape of [`random_token`]'s output.
pub fn looks_like_token(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|c| c.is_ascii_hexdigit())
}

/// The SHA-256 of a token, hex-encoded: the form in which tokens are stored.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// HMAC-SHA-256 of `message` under `key`, hex-encoded.
pub fn keyed_digest(key: &[u8; 32], message: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(message.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// Compares two secrets in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// 64 hex characters back into 32 bytes.
pub fn from_hex(value: &str) -> Option<[u8; 32]> {
    if !looks_like_token(value) {
        return None;
    }
    let mut out = [0_u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(value.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert!(looks_like_token(&a));
        assert!(!looks_like_token("xyz"));
        assert_ne!(a, b);
        assert_eq!(token_hash("x"), token_hash("x"));
        assert_ne!(token_hash(&a), a);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
        assert!(!same_secret("abc", "abcd"));
    }

    #[test]
    fn keyed_digests_depend_on_key_and_message() {
        let key = from_hex(&random_token()).expect("hex");
        let other = from_hex(&random_token()).expect("hex");
        assert_eq!(keyed_digest(&key, "m"), keyed_digest(&key, "m"));
        assert_ne!(keyed_digest(&key, "m"), keyed_digest(&other, "m"));
        assert_ne!(keyed_digest(&key, "m"), keyed_digest(&key, "n"));
        assert!(looks_like_token(&keyed_digest(&key, "m")));
        assert_eq!(from_hex("zz"), None);
    }
}
