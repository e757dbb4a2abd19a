-- Approvals: the approval status of documents (Business Central's Status field), the approval
-- entries of the API (APIV2 - Approval Entries), and the pending request of each record.

ALTER TABLE erp_sales_invoice ADD COLUMN approval_status VARCHAR(30) DEFAULT 'Open' NOT NULL;
ALTER TABLE erp_sales_order ADD COLUMN approval_status VARCHAR(30) DEFAULT 'Open' NOT NULL;
ALTER TABLE erp_purchase_invoice ADD COLUMN approval_status VARCHAR(30) DEFAULT 'Open' NOT NULL;

CREATE TABLE erp_approval_entry (
    id UUID PRIMARY KEY,
    company_id UUID NOT NULL REFERENCES erp_company (id),
    entity_set VARCHAR(30) DEFAULT '' NOT NULL,
    record_id UUID NOT NULL,
    document_type VARCHAR(30) NOT NULL,
    document_number VARCHAR(20) DEFAULT '' NOT NULL,
    sequence_number INTEGER DEFAULT 0 NOT NULL,
    approval_code VARCHAR(64) DEFAULT '' NOT NULL,
    sender_user_name VARCHAR(64) DEFAULT '' NOT NULL,
    approver_user_name VARCHAR(64) DEFAULT '' NOT NULL,
    approval_type VARCHAR(30) NOT NULL,
    status VARCHAR(30) NOT NULL,
    due_date DATE NOT NULL,
    amount NUMERIC(38, 5) DEFAULT 0 NOT NULL,
    currency_code VARCHAR(10) DEFAULT '' NOT NULL,
    comment VARCHAR(250) DEFAULT '' NOT NULL,
    date_time_sent_for_approval TIMESTAMP WITH TIME ZONE NOT NULL,
    last_modified_date_time TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version BIGINT NOT NULL
);
CREATE INDEX ix_approval_entry_record ON erp_approval_entry (company_id, entity_set, record_id);
CREATE INDEX ix_approval_entry_modified ON erp_approval_entry (company_id, last_modified_date_time);

-- At most one request per record at a time: a second request while one is pending is refused.
CREATE TABLE erp_approval_request (
    company_id UUID NOT NULL REFERENCES erp_company (id),
    entity_set VARCHAR(30) NOT NULL,
    record_id UUID NOT NULL,
    status VARCHAR(20) NOT NULL,
    requested_by VARCHAR(64) NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (company_id, entity_set, record_id)
);
