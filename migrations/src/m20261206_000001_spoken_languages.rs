//! The languages a practitioner speaks become ISO 639-1 codes. Earlier versions kept
//! whatever was typed ("English, Spanish", "Español", "ASL"); each word this migration
//! recognises (a code, or a language's name in English, Spanish or itself) becomes its
//! code, and whatever it cannot read is kept in `languages_unread` for the practitioner
//! to settle from the dashboard. Nothing typed is lost.

use sea_orm_migration::{
    prelude::*,
    schema::*,
    sea_orm::{ConnectionTrait, Statement},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The codes the editor offers, in its order, with the names a list may use for each
/// (lower case, without accents).
const NAMES: [(&str, &[&str]); 16] = [
    ("en", &["english", "ingles", "eng"]),
    ("es", &["spanish", "espanol", "castellano", "spa"]),
    (
        "zh",
        &[
            "chinese",
            "mandarin",
            "cantonese",
            "chino",
            "mandarin chinese",
            "中文",
            "普通话",
            "廣東話",
        ],
    ),
    ("tl", &["tagalog", "filipino", "tagalo"]),
    ("vi", &["vietnamese", "vietnamita", "tieng viet"]),
    ("ar", &["arabic", "arabe", "العربية"]),
    ("fr", &["french", "frances", "francais"]),
    ("ko", &["korean", "coreano", "한국어"]),
    ("ru", &["russian", "ruso", "русский"]),
    (
        "ht",
        &["haitian creole", "creole", "kreyol", "criollo haitiano"],
    ),
    ("pt", &["portuguese", "portugues"]),
    ("de", &["german", "aleman", "deutsch"]),
    ("hi", &["hindi"]),
    ("it", &["italian", "italiano"]),
    ("pl", &["polish", "polaco", "polski"]),
    ("ja", &["japanese", "japones", "日本語"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Practitioners::Table)
                    .add_column(text_null(Practitioners::LanguagesUnread))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT id, languages FROM practitioners",
            ))
            .await?;
        for row in rows {
            let id: i64 = row.try_get("", "id")?;
            let stored: String = row.try_get("", "languages")?;
            let (codes, unread) = read(&stored);
            if codes == stored && unread.is_none() {
                continue;
            }
            let update = Query::update()
                .table(Practitioners::Table)
                .value(Practitioners::Languages, codes)
                .value(Practitioners::LanguagesUnread, unread)
                .and_where(Expr::col(Practitioners::Id).eq(id))
                .to_owned();
            db.execute(&update).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The codes stay readable to the earlier version; the unread words go back
        // beside them so nothing is lost.
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE practitioners SET languages = CASE WHEN languages = '' THEN languages_unread \
             ELSE languages || ',' || languages_unread END WHERE languages_unread IS NOT NULL",
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Practitioners::Table)
                    .drop_column(Practitioners::LanguagesUnread)
                    .to_owned(),
            )
            .await
    }
}

/// A stored list as codes in the editor's order, each once, and the words no code
/// was found for (as typed, comma-separated), if any.
fn read(stored: &str) -> (String, Option<String>) {
    let mut found = [false; NAMES.len()];
    let mut unread = Vec::new();
    for word in stored
        .split([',', ';', '/', '|', '\n'])
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" y ")))
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        let plain = fold(word);
        match NAMES
            .iter()
            .position(|(code, names)| plain == *code || names.contains(&plain.as_str()))
        {
            Some(i) => found[i] = true,
            None => unread.push(word.to_owned()),
        }
    }
    let codes: Vec<&str> = NAMES
        .iter()
        .zip(found)
        .filter(|(_, on)| *on)
        .map(|((code, _), _)| *code)
        .collect();
    (
        codes.join(","),
        (!unread.is_empty()).then(|| unread.join(", ")),
    )
}

/// Lower case, without the accents Spanish and French names carry, single spaces.
fn fold(word: &str) -> String {
    let lower: String = word
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' => 'a',
            'é' | 'è' | 'ê' => 'e',
            'í' | 'î' => 'i',
            'ó' | 'ô' => 'o',
            'ú' | 'ù' | 'û' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ế' | 'ệ' => 'e',
            other => other,
        })
        .collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(DeriveIden)]
enum Practitioners {
    Table,
    Id,
    Languages,
    LanguagesUnread,
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn codes_stay_as_they_are() {
        assert_eq!(read("en,es"), ("en,es".into(), None));
        assert_eq!(read(""), (String::new(), None));
    }

    #[test]
    fn names_in_any_of_three_languages_become_codes_in_order() {
        assert_eq!(read("Spanish, English"), ("en,es".into(), None));
        assert_eq!(read("Español y Inglés"), ("en,es".into(), None));
        assert_eq!(
            read("english/ Mandarin;  Tiếng Việt"),
            ("en,zh,vi".into(), None)
        );
        assert_eq!(read("EN, en, English"), ("en".into(), None));
    }

    #[test]
    fn what_cannot_be_read_is_kept_as_typed() {
        assert_eq!(
            read("English, ASL, some Klingon"),
            ("en".into(), Some("ASL, some Klingon".into()))
        );
        assert_eq!(
            read("Sign language"),
            (String::new(), Some("Sign language".into()))
        );
    }
}
