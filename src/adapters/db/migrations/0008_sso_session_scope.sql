-- A session started through an organization's single sign-on reaches that organization only: its identity
-- provider vouches for the user there, not in the user's other organizations.
ALTER TABLE sessions ADD COLUMN org_id uuid REFERENCES organizations (id) ON DELETE CASCADE;
