-- Record events are delivered from the outbox by a relay: undelivered ones are found by this
-- index, in commit order. The relay lock row lets one node at a time deliver, so several nodes
-- on one database neither double nor reorder deliveries.
ALTER TABLE erp_record_event ADD COLUMN delivered BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX ix_record_event_undelivered ON erp_record_event (delivered, sequence);

CREATE TABLE erp_record_event_relay (
    id INTEGER PRIMARY KEY,
    last_delivery TIMESTAMP WITH TIME ZONE
);
INSERT INTO erp_record_event_relay (id) VALUES (1);
