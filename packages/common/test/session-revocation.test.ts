// Every service refuses a revoked session, with nothing in the service itself: the kernel consumes
// session:revoked for its group and its session check reads the revocation list. Two replicas of
// one service on one database and bus: the bus hands the event to one of them, and the other
// learns it from the shared table within about a second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBus, type ManagedBus } from '../src/bus/create-bus';
import { makeEnvelope, type EventData } from '../src/events/contracts';
import { requireAuth, requireUser } from '../src/http/session';
import { silentLogger } from '../src/logger';
import { createService, type Service } from '../src/service';
import { openTestPostgres, uniqueName, type TestDb } from '../src/testing/databases';
import { createTestSessions, type TestSessions } from '../src/testing/sessions';
import { waitFor } from '../src/testing/wait';

const RABBIT_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const emptyMigrations = new URL('./support/no-migrations', import.meta.url).pathname;

describe('revoked sessions, in every replica of every service', () => {
  let database: TestDb;
  let bus: ManagedBus;
  let sessions: TestSessions;
  let replicas: Service[];
  beforeAll(async () => {
    database = await openTestPostgres('revocations');
    bus = await createBus(RABBIT_URL, { exchange: uniqueName('test_revocations') });
    sessions = await createTestSessions();
    const replica = () => createService({
      name: 'orders', group: 'orders-service', migrationsDir: emptyMigrations,
      routes: (app) => { app.get('/whoami', { onRequest: requireAuth }, async (request) => ({ id: requireUser(request).id })); },
    }, { db: database.db, bus, logger: silentLogger(), verifySession: sessions.verifySession });
    replicas = [await replica(), await replica()];
    for (const service of replicas) await service.start();
  });
  afterAll(async () => {
    for (const service of replicas ?? []) await service.stop();
    await bus?.destroy();
    await bus?.close();
    await database?.close();
  });

  const statusOn = async (service: Service, cookie: string) =>
    (await service.http.inject({ method: 'GET', url: '/whoami', headers: { cookie } })).statusCode;
  const sessionIdOf = (cookie: string) => JSON.parse(Buffer.from(cookie.split('.')[1], 'base64url').toString()).jti as string;
  const publish = (data: EventData<'session:revoked'>) => bus.publish([{ envelope: makeEnvelope('session:revoked', data), headers: {} }]);
  const inAboutASecond = { timeoutMs: 1_500, intervalMs: 25 };
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

  it('a revoked session id is 401 on both replicas within about a second; the same user\'s other session is not', async () => {
    const user = await sessions.newUser();
    const other = await sessions.cookie(user);
    for (const service of replicas) expect(await statusOn(service, user.cookie)).toBe(200);
    await publish({ userId: user.id, sessionId: sessionIdOf(user.cookie), expiresAt: inAnHour() });
    for (const service of replicas) {
      await waitFor(async () => (await statusOn(service, user.cookie)) === 401, { ...inAboutASecond, what: `${service.name} refusing the session` });
      expect(await statusOn(service, other)).toBe(200);
    }
  });

  it('"all before" revokes every session of the user issued before the cut-off, on both replicas', async () => {
    const user = await sessions.newUser();
    const second = await sessions.cookie(user);
    const bystander = await sessions.newUser();
    await publish({ userId: user.id, all: true, before: new Date(Date.now() + 1_000).toISOString(), expiresAt: inAnHour() });
    for (const service of replicas) {
      for (const cookie of [user.cookie, second]) {
        await waitFor(async () => (await statusOn(service, cookie)) === 401, { ...inAboutASecond, what: 'every old session refused' });
      }
      expect(await statusOn(service, bystander.cookie)).toBe(200);
    }
  });

  it('a replica that starts later knows the revocations recorded before it', async () => {
    const user = await sessions.newUser();
    await publish({ userId: user.id, sessionId: sessionIdOf(user.cookie), expiresAt: inAnHour() });
    await waitFor(async () => (await database.db.query('SELECT 1 FROM session_revocations WHERE user_id = $1', [user.id])).length > 0);
    const late = await createService({
      name: 'orders', group: 'late-replica', migrationsDir: emptyMigrations,
      routes: (app) => { app.get('/whoami', { onRequest: requireAuth }, async () => ({})); },
    }, { db: database.db, bus, logger: silentLogger(), verifySession: sessions.verifySession });
    await late.start();
    try {
      expect(await statusOn(late, user.cookie)).toBe(401);
    } finally {
      await late.stop();
    }
  });
});
