//! Server keys kept in the database: created once, at random, by whichever instance
//! starts first, and read by every instance of the deployment after that.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use super::secrets;
use crate::entities::server_key;

/// The key the CSRF tokens are derived from.
pub const CSRF: &str = "csrf";
/// Not a secret: the database's name, which an index snapshot records so that it is
/// never restored beside another database.
pub const DATABASE: &str = "database";

/// The 32-byte key named `name`, created on first use.
pub async fn load_or_create(db: &DatabaseConnection, name: &str) -> Result<[u8; 32], DbErr> {
    server_key::Entity::insert(server_key::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(secrets::random_token()),
        created_at: Set(Utc::now()),
    })
    .on_conflict_do_nothing()
    .exec(db)
    .await?;
    let stored = server_key::Entity::find_by_id(name.to_owned())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("server key {name} missing after insert")))?;
    secrets::from_hex(&stored.value)
        .ok_or_else(|| DbErr::Custom(format!("server key {name} is not 64 hex characters")))
}
