-- The seller's ticket file, encrypted (AES-256-GCM, domain/file-crypto.ts): the key's id, the IV
-- and the auth tag are kept with the ciphertext. One file per ticket; it moves with the ticket.
CREATE TABLE ticket_files (
  ticket_id    uuid PRIMARY KEY,
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg', 'text/plain')),
  size         int4 NOT NULL,
  key_id       text NOT NULL,
  iv           bytea NOT NULL,
  auth_tag     bytea NOT NULL,
  ciphertext   bytea NOT NULL,
  uploaded_by  uuid NOT NULL,
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_files_key ON ticket_files (key_id);
