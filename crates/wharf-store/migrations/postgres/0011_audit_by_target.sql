-- A crate's history (who published, yanked and unyanked each version, shown in crates.io's
-- `audit_actions`) is read by target on every crate request: index it.
CREATE INDEX audit_log_target ON audit_log (target, at);
