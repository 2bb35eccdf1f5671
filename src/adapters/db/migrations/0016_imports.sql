-- Connections that Attestly does not collect from: their resources arrive by push (PUT …/resources/{type})
-- or as an imported scan report (OpenSCAP, OCSF). The scheduler never runs them; each push or import is a
-- run of its own through the same judge-and-diff path as a collected one.
ALTER TABLE integrations
  ADD COLUMN delivery text NOT NULL DEFAULT 'collected' CHECK (delivery IN ('collected', 'pushed'));
