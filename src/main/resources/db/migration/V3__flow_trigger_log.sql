-- What each record event did: one row per event handled, one per flow that listens to it.
-- The primary key of flow_trigger_outcome is what makes a start happen once: the row is written
-- in the same transaction as the run it records, on any node.
CREATE TABLE flow_trigger_event (
    event_id UUID PRIMARY KEY,
    event_sequence BIGINT NOT NULL,
    company_id UUID NOT NULL,
    entity_set VARCHAR(50) NOT NULL,
    record_id UUID NOT NULL,
    event_type VARCHAR(30) NOT NULL,
    changed_fields VARCHAR(4000) DEFAULT '' NOT NULL,
    changed_by VARCHAR(100) DEFAULT '' NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    handled_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_flow_trigger_event_record ON flow_trigger_event (entity_set, record_id, event_sequence);
CREATE INDEX ix_flow_trigger_event_sequence ON flow_trigger_event (event_sequence);
CREATE INDEX ix_flow_trigger_event_handled ON flow_trigger_event (handled_at);

CREATE TABLE flow_trigger_outcome (
    event_id UUID NOT NULL REFERENCES flow_trigger_event (event_id) ON DELETE CASCADE,
    flow_key VARCHAR(255) NOT NULL,
    message_name VARCHAR(255) NOT NULL,
    flow_name VARCHAR(255) NOT NULL,
    process_definition_id VARCHAR(64) NOT NULL,
    flow_version INTEGER NOT NULL,
    outcome VARCHAR(20) NOT NULL,
    reason VARCHAR(4000),
    run_id VARCHAR(64),
    PRIMARY KEY (event_id, flow_key, message_name)
);
