// Many events of one subject into the outbox with one INSERT (an event's cancellation withdraws
// thousands of listings: a row each through tx.publish would be a round trip each). The rows are
// exactly what tx.publish writes (validated envelope, trace headers); they commit with the rest of
// the transaction. The relay is not woken by this insert: it finds the rows on its next poll.
import { currentTraceHeaders, makeEnvelope, type EventData, type Queryable, type Subject } from '@ticketing/common';

export async function publishBatch<S extends Subject>(tx: Queryable, subject: S, batch: EventData<S>[]): Promise<void> {
  if (batch.length === 0) return;
  const headers = currentTraceHeaders();
  const rows = batch.map((data) => {
    const envelope = makeEnvelope(subject, data);
    return { id: envelope.id, subject, envelope, headers };
  });
  await tx.query(
    `INSERT INTO outbox (id, subject, envelope, headers)
     SELECT (item->>'id')::uuid, item->>'subject', item->'envelope', item->'headers'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS batch(item, position)
      ORDER BY position`,
    [JSON.stringify(rows)],
  );
}
