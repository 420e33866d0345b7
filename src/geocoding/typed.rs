//! Reading a place as people type it: "Austin TX", "austin, texas", "Austin, TX 78701",
//! "St. Louis, Mo.", "San José CA, USA". Pure text work; the gazetteer looks the
//! readings up.

/// US states, DC and the territories with ZIP codes: the postal code, the name, and
/// the other spellings people write (AP style and common short forms), all normalised.
const STATES: &[(&str, &str, &[&str])] = &[
    ("AL", "alabama", &["ala"]),
    ("AK", "alaska", &[]),
    ("AZ", "arizona", &["ariz"]),
    ("AR", "arkansas", &["ark"]),
    ("CA", "california", &["calif", "cal"]),
    ("CO", "colorado", &["colo"]),
    ("CT", "connecticut", &["conn"]),
    ("DE", "delaware", &["del"]),
    ("DC", "district of columbia", &["washington dc"]),
    ("FL", "florida", &["fla"]),
    ("GA", "georgia", &[]),
    ("HI", "hawaii", &[]),
    ("ID", "idaho", &[]),
    ("IL", "illinois", &["ill"]),
    ("IN", "indiana", &["ind"]),
    ("IA", "iowa", &[]),
    ("KS", "kansas", &["kan", "kans"]),
    ("KY", "kentucky", &[]),
    ("LA", "louisiana", &[]),
    ("ME", "maine", &[]),
    ("MD", "maryland", &[]),
    ("MA", "massachusetts", &["mass"]),
    ("MI", "michigan", &["mich"]),
    ("MN", "minnesota", &["minn"]),
    ("MS", "mississippi", &["miss"]),
    ("MO", "missouri", &[]),
    ("MT", "montana", &["mont"]),
    ("NE", "nebraska", &["neb", "nebr"]),
    ("NV", "nevada", &["nev"]),
    ("NH", "new hampshire", &[]),
    ("NJ", "new jersey", &[]),
    ("NM", "new mexico", &[]),
    ("NY", "new york", &[]),
    ("NC", "north carolina", &[]),
    ("ND", "north dakota", &[]),
    ("OH", "ohio", &[]),
    ("OK", "oklahoma", &["okla"]),
    ("OR", "oregon", &["ore"]),
    ("PA", "pennsylvania", &["penn", "penna"]),
    ("RI", "rhode island", &[]),
    ("SC", "south carolina", &[]),
    ("SD", "south dakota", &[]),
    ("TN", "tennessee", &["tenn"]),
    ("TX", "texas", &["tex"]),
    ("UT", "utah", &[]),
    ("VT", "vermont", &[]),
    ("VA", "virginia", &[]),
    ("WA", "washington", &["wash"]),
    ("WV", "west virginia", &["wva", "w va"]),
    ("WI", "wisconsin", &["wis", "wisc"]),
    ("WY", "wyoming", &["wyo"]),
    ("PR", "puerto rico", &[]),
    ("GU", "guam", &[]),
    ("VI", "virgin islands", &["us virgin islands"]),
    ("AS", "american samoa", &[]),
    ("MP", "northern mariana islands", &[]),
];

/// Trailing words that only say "in the United States".
const COUNTRY: &[&str] = &["usa", "us", "united states", "united states of america"];

/// Lower case, accents folded, dots dropped, hyphens and apostrophes as spaces, and
/// the words that are written both ways ("Saint"/"St", "Mount"/"Mt", "Fort"/"Ft")
/// in one form, so both sides of a lookup meet.
pub fn normalise(name: &str) -> String {
    let folded: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| *c != '.')
        .map(|c| match c {
            '-' | '\'' | '\u{2019}' | ',' | ';' => ' ',
            other => fold(other),
        })
        .collect();
    folded
        .split_whitespace()
        .map(|w| match w {
            "saint" => "st",
            "sainte" => "ste",
            "mount" => "mt",
            "fort" => "ft",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The plain letter for a Latin letter with an accent.
fn fold(c: char) -> char {
    match c {
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// The postal code of a state named or abbreviated in normalised text.
pub fn state_code(words: &str) -> Option<&'static str> {
    STATES
        .iter()
        .find(|(code, name, other)| {
            words.eq_ignore_ascii_case(code) || words == *name || other.contains(&words)
        })
        .map(|(code, ..)| *code)
}

/// The state whose full name is within two edits of `words`, for "did you mean"
/// (never for a silent guess).
pub fn state_code_near(words: &str) -> Option<&'static str> {
    if words.len() < 4 {
        return None;
    }
    let allowed = if words.len() <= 5 { 1 } else { 2 };
    STATES
        .iter()
        .map(|(code, name, _)| (strsim::osa_distance(words, name), *code))
        .filter(|(d, _)| *d <= allowed)
        .min()
        .map(|(_, code)| code)
}

/// One way of reading typed text: a normalised place name and, when the text names
/// one, a US state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The normalised place name.
    pub name: String,
    /// The state's postal code.
    pub state: Option<&'static str>,
}

/// "Austin, TX 78701" → `("Austin, TX", "78701")`: a ZIP (or ZIP+4) after a name.
pub fn trailing_zip(input: &str) -> Option<(&str, &str)> {
    let input = input.trim_end();
    let start = input.rfind(|c: char| c.is_whitespace() || c == ',')?;
    let (rest, last) = (input[..start].trim_end(), input[start + 1..].trim());
    let zip = super::gazetteer::zip_of(last)?;
    (!rest.is_empty()).then_some((rest, zip))
}

/// The readings of typed text, the most specific first: each split of the last three,
/// two or one words as a state ("austin tx", "kansas city kansas"), then the whole text as
/// a name. A trailing "USA" is dropped.
pub fn readings(input: &str) -> Vec<Reading> {
    let text = normalise(input);
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if let Some(n) = (1..=4).rev().find(|n| {
        words.len() > *n && COUNTRY.contains(&words[words.len() - n..].join(" ").as_str())
    }) {
        words.truncate(words.len() - n);
    }
    let mut out = Vec::new();
    for tail in (1..=3).rev().filter(|tail| words.len() > *tail) {
        let split = words.len() - tail;
        if let Some(state) = state_code(&words[split..].join(" ")) {
            out.push(Reading {
                name: words[..split].join(" "),
                state: Some(state),
            });
        }
    }
    out.push(Reading {
        name: words.join(" "),
        state: None,
    });
    out
}

/// Readings whose last word or two is a misspelt state ("Austin Texs"): only for
/// offering choices.
pub fn readings_with_near_state(input: &str) -> Vec<Reading> {
    let text = normalise(input);
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=2)
        .filter(|tail| words.len() > *tail)
        .filter_map(|tail| {
            let split = words.len() - tail;
            state_code_near(&words[split..].join(" ")).map(|state| Reading {
                name: words[..split].join(" "),
                state: Some(state),
            })
        })
        .collect()
}

/// How many edits a name of this many letters may be from a place for "did you mean".
pub fn edits_allowed(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=6 => 1,
        7..=12 => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<(String, Option<&'static str>)> {
        readings(input)
            .into_iter()
            .map(|r| (r.name, r.state))
            .collect()
    }

    #[test]
    fn reads_a_state_with_or_without_a_comma_in_any_case() {
        for input in [
            "Austin TX",
            "austin tx",
            "Austin, TX",
            "AUSTIN, TEXAS",
            "Austin Texas",
            "Austin, Tex.",
            "Austin TX USA",
            "Austin, Texas, United States",
        ] {
            assert_eq!(read(input)[0], ("austin".into(), Some("TX")), "{input}");
        }
        assert_eq!(
            read("Kansas City Kansas")[0],
            ("kansas city".into(), Some("KS"))
        );
        assert_eq!(
            read("Charleston West Virginia")[0],
            ("charleston".into(), Some("WV"))
        );
        assert_eq!(read("Kansas City"), vec![("kansas city".into(), None)]);
    }

    #[test]
    fn normalises_the_words_written_two_ways() {
        assert_eq!(normalise("St. Louis"), normalise("Saint Louis"));
        assert_eq!(normalise("Ft Worth"), normalise("Fort Worth"));
        assert_eq!(normalise("Winston-Salem"), normalise("winston salem"));
        assert_eq!(normalise("Coeur d'Alene"), normalise("Coeur D Alene"));
        assert_eq!(normalise("San José"), "san jose");
    }

    #[test]
    fn finds_a_zip_after_a_name_only() {
        assert_eq!(
            trailing_zip("Austin, TX 78701"),
            Some(("Austin, TX", "78701"))
        );
        assert_eq!(
            trailing_zip("Austin TX 78701-1234"),
            Some(("Austin TX", "78701"))
        );
        assert_eq!(trailing_zip("78701"), None);
        assert_eq!(trailing_zip("Austin 7870"), None);
    }

    #[test]
    fn a_misspelt_state_is_read_only_for_choices() {
        assert_eq!(state_code("texs"), None);
        assert_eq!(
            readings_with_near_state("Austin Texs"),
            vec![Reading {
                name: "austin".into(),
                state: Some("TX")
            }]
        );
        assert_eq!(state_code_near("ny"), None, "too short to guess at");
        assert_eq!(state_code_near("calfornia"), Some("CA"));
    }
}
