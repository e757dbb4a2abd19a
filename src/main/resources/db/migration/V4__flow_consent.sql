-- Consent to the privacy notice of flows (Business Central's "Get started with Power Automate"):
-- the organisation's policy, set by an administrator, and each user's own decision.
CREATE TABLE flow_consent_policy (
  id          INT          NOT NULL PRIMARY KEY,
  policy      VARCHAR(32)  NOT NULL,
  changed_by  VARCHAR(255),
  changed_at  TIMESTAMP WITH TIME ZONE
);
INSERT INTO flow_consent_policy (id, policy) VALUES (1, 'userDecides');

CREATE TABLE flow_consent (
  user_id     VARCHAR(255) NOT NULL PRIMARY KEY,
  agreed      BOOLEAN      NOT NULL,
  decided_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
