//! Moderators' actions on one version: release, yank, remove.
//!
//! Each writes its rows on the connection of the transaction `Db::moderate` opened, and names the
//! crate whose index changes; `conclude` there does what follows every action.

use super::{Acting, ModOutcome, VersionRow};
use crate::deletion::{remove_version_rows, Deleted};
use crate::{crate_file_key, StoreError};
use sqlx::AnyConnection;
use wharf_policy::moderation as policy;

pub(super) async fn release(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    version: &VersionRow,
) -> Result<ModOutcome, StoreError> {
    // The update is the read of whether the version is held: it changes the row only if so, and two
    // releases racing cannot both succeed. Refused, nothing was changed.
    let was_held = sqlx::query(
        "UPDATE versions SET held = $1, released_at = $2, released_by = $3 WHERE id = $4 AND held = $5",
    )
    .bind(false)
    .bind(acting.now)
    .bind(acting.actor.user_id)
    .bind(version.version_id)
    .bind(true)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        > 0;
    policy::check_release(&acting.key, was_held)?;
    Ok(ModOutcome::reindex(version.crate_id))
}

pub(super) async fn yank(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    version: &VersionRow,
) -> Result<ModOutcome, StoreError> {
    sqlx::query("UPDATE versions SET yanked = $1, updated_at = $2 WHERE id = $3")
        .bind(true)
        .bind(acting.now)
        .bind(version.version_id)
        .execute(&mut *conn)
        .await?;
    Ok(ModOutcome::reindex(version.crate_id))
}

/// Removes the version for good: its number is never published again, and its `.crate` file goes.
pub(super) async fn remove(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    version: &VersionRow,
) -> Result<ModOutcome, StoreError> {
    let deleted = Deleted {
        downloads: version.downloads,
        ..acting.deleted()
    };
    remove_version_rows(
        conn,
        &version.crate_name,
        version.version_id,
        &version.num,
        deleted,
    )
    .await?;
    let mut outcome = ModOutcome::reindex(version.crate_id);
    outcome
        .removed_files
        .push(crate_file_key(&version.crate_name, &version.num));
    Ok(outcome)
}
