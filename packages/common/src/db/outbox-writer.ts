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
  };
}
