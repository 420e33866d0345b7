//! Recovery codes: ten per set, each 80 random bits written as `xxxx-xxxx-xxxx-xxxx`
//! (lower-case base32), shown once and stored only as a digest bound to the account.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// Codes in a set.
pub const PER_SET: usize = 10;

const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// A new random code.
pub fn new_code() -> String {
    let mut bytes = [0_u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A typed code in its stored form: lower case, letters and digits only; `None` when
/// it cannot be a recovery code.
pub fn normalise(typed: &str) -> Option<String> {
    let clean: String = typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (clean.len() == 16 && clean.bytes().all(|b| ALPHABET.contains(&b))).then_some(clean)
}

/// The digest a code is stored as, for one account.
pub fn digest(user_id: i64, normalised: &str) -> String {
    let hash = Sha256::digest(format!("recovery:{user_id}:{normalised}").as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_random_readable_and_forgiving_of_how_they_are_typed() {
        let a = new_code();
        assert_eq!(a.len(), 19);
        assert_ne!(a, new_code());
        let plain = normalise(&a).expect("its own shape");
        assert_eq!(
            normalise(&a.to_uppercase().replace('-', " ")),
            Some(plain.clone())
        );
        assert_eq!(
            normalise("123456"),
            None,
            "an authenticator code is not one"
        );
        assert_eq!(
            normalise("abcd-efgh-ijkl-mno1"),
            None,
            "1 is not in the alphabet"
        );
        assert_ne!(digest(1, &plain), digest(2, &plain), "bound to the account");
    }
}
