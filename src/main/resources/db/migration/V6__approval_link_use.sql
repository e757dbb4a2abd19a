-- The approve/reject links of approval mails are single-use: a used link's nonce is kept here.
CREATE TABLE approval_link_use (
    nonce VARCHAR(64) PRIMARY KEY,
    task_id VARCHAR(64) NOT NULL,
    used_at TIMESTAMP WITH TIME ZONE NOT NULL
);
