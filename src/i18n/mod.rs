//! The languages the site speaks: one Fluent catalogue per language under `locales/`
//! (a folder per language, every `.ftl` file in it), embedded at compile time, and the
//! language a request is answered in. Adding a language is adding its folder (and the
//! rules file's labels for it); nothing here names a language but English, the one
//! every request falls back to.

pub mod dates;

use std::{borrow::Cow, collections::HashMap, sync::LazyLock};

use fluent_templates::{LanguageIdentifier, Loader, static_loader};

pub use fluent_templates::fluent_bundle::FluentValue;

static_loader! {
    static CATALOGUES = {
        locales: "./locales",
        fallback_language: "en",
        // Plain text: no Unicode isolation marks around arguments, which would end up
        // inside attributes, form values and mail bodies.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The catalogue key every language names itself with ("English", "Español").
const NAME_KEY: &str = "language-name";

/// A language the site speaks: one of the catalogues.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(&'static LanguageIdentifier);

/// Every catalogue's language, English first, then by code.
static ALL: LazyLock<Vec<Lang>> = LazyLock::new(|| {
    let mut all: Vec<Lang> = CATALOGUES.locales().map(Lang).collect();
    all.sort_by_key(|l| (l.code() != "en", l.code()));
    all
});

impl Lang {
    /// Every language the site speaks, English first.
    pub fn all() -> &'static [Lang] {
        &ALL
    }

    /// English: the default, and what a request falls back to.
    pub fn english() -> Lang {
        ALL[0]
    }

    /// The language for an ISO 639-1 code (`"es"`, any case), if the site speaks it.
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim();
        ALL.iter()
            .copied()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// The ISO 639-1 code: `"en"`, `"es"`.
    pub fn code(self) -> &'static str {
        self.0.language.as_str()
    }

    /// The language's name in itself: "English", "Español".
    pub fn name(self) -> String {
        text(self, NAME_KEY)
    }

    /// The language of the request being answered; English outside a request.
    pub fn current() -> Lang {
        CURRENT.try_with(|l| *l).unwrap_or_else(|_| Lang::english())
    }

    /// Runs `future` with `self` as the current language.
    pub async fn scope<F: Future>(self, future: F) -> F::Output {
        CURRENT.scope(self, future).await
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::english()
    }
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

tokio::task_local! {
    /// The language of the request being answered, set by the language middleware.
    static CURRENT: Lang;
}

/// The message `key` in `lang` (English when `lang`'s catalogue lacks it, which the
/// catalogue tests forbid). A key no catalogue has comes back as itself, marked, and is
/// logged: the catalogue tests fail on it first.
pub fn text(lang: Lang, key: &str) -> String {
    lookup(lang, key, None).unwrap_or_else(|| missing(key))
}

/// The message `key` in `lang` with its arguments (`{ $count }`, `{ $name }`).
pub fn text_with<'a>(
    lang: Lang,
    key: &str,
    args: impl IntoIterator<Item = (&'static str, FluentValue<'a>)>,
) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'a>> = args
        .into_iter()
        .map(|(k, v)| (Cow::Borrowed(k), v))
        .collect();
    lookup(lang, key, Some(&args)).unwrap_or_else(|| missing(key))
}

/// The message, or `None` when no catalogue has the key.
pub fn lookup(
    lang: Lang,
    key: &str,
    args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>,
) -> Option<String> {
    CATALOGUES.try_lookup_complete(lang.0, key, args)
}

fn missing(key: &str) -> String {
    tracing::error!(key, "message missing from every catalogue");
    format!("[{key}]")
}

/// The language to answer in from an `Accept-Language` header: the supported language
/// the reader weighs highest (`es-MX` reads as `es`), English when none is supported.
pub fn negotiate(accept_language: &str) -> Lang {
    let mut wanted: Vec<(u16, usize, Lang)> = accept_language
        .split(',')
        .take(32)
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let primary = tag.split(['-', '_']).next()?;
            let lang = Lang::parse(primary)?;
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), quality)?;
            (weight > 0).then_some((weight, i, lang))
        })
        .collect();
    wanted.sort_by_key(|(weight, i, _)| (std::cmp::Reverse(*weight), *i));
    wanted.first().map_or_else(Lang::english, |(_, _, l)| *l)
}

/// A `q` value in thousandths (`0.8` is 800); `None` when it is not a number from 0 to 1.
fn quality(q: &str) -> Option<u16> {
    let q: f32 = q.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&q)
        .then(|| (q * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests;
