-- A scheduled run names the slot it was scheduled for. A queue delivers a run at least once; this key
-- makes it count once: a second delivery of the same slot cannot record a second run. Runs started by
-- hand have no slot (NULL), and NULLs never collide.
ALTER TABLE monitor_runs ADD COLUMN scheduled_for timestamptz;
CREATE UNIQUE INDEX monitor_runs_scheduled_idx ON monitor_runs (org_id, integration_id, scheduled_for);
