//! What a session costs and how it may be paid: one price per session length, stored
//! as `minutes:amount` pairs (`30:55,60:95,90:135`) in whole units of the practice's
//! currency; how people may pay (`policy::PAYMENT_OPTIONS`); the insurers a practice
//! bills directly, one a line.

pub use crate::policy::Price;

/// Highest price accepted for one session, in whole units of the currency.
pub const MAX_PRICE: u32 = 2000;
/// Longest note on prices, in characters.
pub const MAX_NOTE: usize = 200;
/// Most insurers a practice may name.
pub const MAX_INSURERS: usize = 10;
/// Longest insurer name, in characters.
pub const MAX_INSURER_CHARS: usize = 80;

/// The stored prices, shortest session first; a pair that cannot be read is left out.
pub fn read(stored: &str) -> Vec<Price> {
    let mut prices: Vec<Price> = stored
        .split(',')
        .filter_map(|pair| pair.split_once(':'))
        .filter_map(|(minutes, amount)| {
            Some(Price {
                minutes: minutes.trim().parse().ok()?,
                amount: amount.trim().parse().ok()?,
            })
        })
        .collect();
    prices.sort_by_key(|p| p.minutes);
    prices.dedup_by_key(|p| p.minutes);
    prices
}

/// Prices as stored.
pub fn write(prices: &[Price]) -> String {
    let mut prices = prices.to_vec();
    prices.sort_by_key(|p| p.minutes);
    prices
        .iter()
        .map(|p| format!("{}:{}", p.minutes, p.amount))
        .collect::<Vec<_>>()
        .join(",")
}

/// The price of a 60-minute session, the one cards show and search filters on.
pub fn sixty(stored: &str) -> Option<u32> {
    read(stored)
        .into_iter()
        .find(|p| p.minutes == 60)
        .map(|p| p.amount)
}

/// The insurers a practice names, one a line, blank lines left out.
pub fn insurers(stored: Option<&str>) -> Vec<String> {
    stored
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether the stored payment codes include `code`.
pub fn takes(payment: &str, code: &str) -> bool {
    payment.split(',').any(|c| c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_read_back_as_written_shortest_first() {
        let prices = [
            Price {
                minutes: 90,
                amount: 135,
            },
            Price {
                minutes: 30,
                amount: 55,
            },
            Price {
                minutes: 60,
                amount: 95,
            },
        ];
        let stored = write(&prices);
        assert_eq!(stored, "30:55,60:95,90:135");
        assert_eq!(read(&stored).len(), 3);
        assert_eq!(sixty(&stored), Some(95));
        assert_eq!(sixty("30:55"), None);
        assert_eq!(
            read("60:x,abc,:5,45:70"),
            [Price {
                minutes: 45,
                amount: 70
            }]
        );
        assert!(read("").is_empty());
        assert!(takes("cash,hsa_fsa", "hsa_fsa") && !takes("cash,hsa_fsa", "card"));
        assert_eq!(
            insurers(Some("Aetna\n\n  Cigna \n")),
            ["Aetna".to_owned(), "Cigna".to_owned()]
        );
    }
}
