// Writing an event inside a transaction = inserting an outbox row (with the current trace context).
import { makeEnvelope, type EventData, type Subject } from '../events/contracts';
import { currentTraceHeaders } from '../tracing';
import type { Queryable, Tx } from './port';

export function transactionWithOutbox(queryable: Queryable, onPublish: () => void): Tx {
  return {
    query: (sql, params) => queryable.query(sql, params),
    async publish<S extends Subject>(subject: S, data: EventData<S>) {
      const envelope = makeEnvelope(subject, data);
      await queryable.query(
        'INSERT INTO outbox (id, subject, envelope, headers) VALUES ($1, $2, $3, $4)',
        [envelope.id, subject, JSON.stringify(envelope), JSON.stringify(currentTraceHeaders())],
      );
      onPublish();
    },
    // One INSERT for a whole batch (an event's cancellation ends thousands of listings and orders:
    // a round trip per row would hold the transaction open for seconds). Rows keep the given order.
    async publishAll<S extends Subject>(subject: S, batch: EventData<S>[]) {
      if (batch.length === 0) return;
      const headers = currentTraceHeaders();
      const rows = batch.map((data) => { const envelope = makeEnvelope(subject, data); return { id: envelope.id, envelope }; });
      await queryable.query(
        `INSERT INTO outbox (id, subject, envelope, headers)
         SELECT (item->>'id')::uuid, $2, item->'envelope', $3::jsonb
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS batch(item, position)
          ORDER BY position`,
        [JSON.stringify(rows), subject, JSON.stringify(headers)],
      );
      onPublish();
    },
  };
}
