// session:revoked, consumed by the kernel in every service but auth (which records its own): the
// revocation goes into this service's table (for its other replicas and its next start) and into
// its memory at once (a rollback only means the redelivery records it again).
import { consumer } from '../messaging/consumer';
import type { RevocationList } from './revocation-list';
import { insertRevocation } from './revocations.repository';

export function sessionRevokedConsumer(list: RevocationList) {
  return consumer({
    subject: 'session:revoked',
    async handle({ data }, tx) {
      await insertRevocation(tx, data);
      list.remember(data);
    },
  });
}
