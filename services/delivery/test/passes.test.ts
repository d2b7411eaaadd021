// The pass: signed for each completed order, verified online and offline, revoked when the ticket
// is resold or refunded, and admitted once at the door by the event's organiser.
import { generateSigningKey } from '@ticketing/common';
import { decodeProtectedHeader, SignJWT, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassOffline, type Revocation } from '../src/domain/verdict';
import { startDelivery, type DeliveryHarness, type User } from './support/delivery-harness';

describe('passes', () => {
  let h: DeliveryHarness;
  beforeAll(async () => { h = await startDelivery(); });
  afterAll(async () => { await h.close(); });

  const verify = async (token: unknown, as?: User, checkIn = false) => h.request(as, 'POST', '/api/checkin/verify', { token, checkIn });
  const passOf = async (buyer: User, orderId: string) => {
    const answer = await h.request(buyer, 'GET', `/api/orders/${orderId}/pass`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as { token: string; status: string; reason?: string; generation: number; ticketId: string; eventId?: string };
  };
  const sold = async () => {
    const [organiser, seller, buyer] = await Promise.all([h.newUser(), h.newUser(), h.newUser()]);
    const eventId = await h.createEvent(organiser);
    const ticketId = await h.listTicket(seller, { eventId });
    const orderId = await h.complete(ticketId, buyer);
    return { organiser, seller, buyer, eventId, ticketId, orderId, pass: await passOf(buyer, orderId) };
  };
  const offline = async (token: string) => {
    const jwks = (await h.request(undefined, 'GET', '/api/checkin/jwks.json')).body as JSONWebKeySet;
    const { revoked } = (await h.request(undefined, 'GET', '/api/checkin/revocations')).body as { revoked: Revocation[] };
    return verifyPassOffline(token, { jwks, revoked });
  };

  it('a completed order gets a signed pass that verifies, online and offline; a redelivered order:completed issues none twice', async () => {
    const { buyer, eventId, ticketId, orderId, pass } = await sold();
    expect(pass).toMatchObject({ status: 'valid', generation: 0, ticketId, eventId });
    expect(decodeProtectedHeader(pass.token)).toMatchObject({ alg: 'EdDSA', kid: h.keys.pass.kid });
    const claims = JSON.parse(Buffer.from(pass.token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ iss: 'ticketing', oid: orderId, tid: ticketId, eid: eventId, hid: buyer.id, gen: 0 });
    const online = await verify(pass.token);
    expect(online.status).toBe(200);
    expect(online.body).toEqual({ status: 'valid', ticketId, eventId, generation: 0 });
    expect(await offline(pass.token)).toEqual({ status: 'valid', ticketId, eventId, generation: 0 });

    await h.feed('order:completed', { id: orderId, version: 1, userId: buyer.id, ticket: { id: ticketId } });
    expect((await passOf(buyer, orderId)).token).toBe(pass.token);
    expect((await h.database.db.query('SELECT 1 FROM passes WHERE order_id = $1', [orderId])).length).toBe(1);
  });

  it('the pass, its QR code and its PDF are the buyer\'s only', async () => {
    const { buyer, seller, orderId } = await sold();
    const svg = await h.request(buyer, 'GET', `/api/orders/${orderId}/pass/qr.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.raw.toString()).toMatch(/<svg[\s\S]*<\/svg>/);
    const pdf = await h.request(buyer, 'GET', `/api/orders/${orderId}/pass/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.raw.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    for (const path of ['', '/qr.svg', '/pdf']) {
      expect((await h.request(seller, 'GET', `/api/orders/${orderId}/pass${path}`)).status).toBe(403);
      expect((await h.request(undefined, 'GET', `/api/orders/${orderId}/pass${path}`)).status).toBe(401);
      expect((await h.request(buyer, 'GET', `/api/orders/${crypto.randomUUID()}/pass${path}`)).status).toBe(403);
    }
  });

  it('a tampered token, a token signed by another key, and garbage are forged', async () => {
    const { pass, buyer } = await sold();
    const [head, payload, signature] = pass.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const changed = Buffer.from(JSON.stringify({ ...claims, gen: 5 })).toString('base64url');
    const other = await generateSigningKey();
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: h.keys.pass.kid }).sign(other.privateKey);
    const unknownKid = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: other.kid }).sign(other.privateKey);
    const notOurs = await new SignJWT({ sub: buyer.id }).setProtectedHeader({ alg: 'EdDSA', kid: h.keys.pass.kid }).sign(h.keys.pass.privateKey);
    for (const token of [`${head}.${changed}.${signature}`, foreign, unknownKid, notOurs, 'not-a-pass', '', 'a.b.c', `${head}.${payload}.`]) {
      const answer = await verify(token);
      expect(answer.status, token).toBe(200);
      expect(answer.body).toEqual({ status: 'forged' });
      expect(await offline(token)).toEqual({ status: 'forged' });
    }
  });

  it('bad bodies are 400 with the standard error body', async () => {
    for (const payload of [{}, { token: 12 }, { token: 'x', checkIn: 'yes' }, []]) {
      const answer = await h.request(undefined, 'POST', '/api/checkin/verify', payload);
      expect(answer.status, JSON.stringify(payload)).toBe(400);
      expect(answer.body).toEqual({ errors: [expect.objectContaining({ message: expect.any(String) })] });
    }
    const broken = await h.service.http.inject({ method: 'POST', url: '/api/checkin/verify', headers: { 'content-type': 'application/json' }, payload: '{"token":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toEqual({ errors: [{ message: 'Body is not valid JSON' }] });
  });

  it('after a resale the older generation\'s pass is revoked (resold) and the new one valid', async () => {
    const { buyer, ticketId, orderId, pass } = await sold();
    await h.resell(ticketId, buyer);
    expect((await verify(pass.token)).body.status).toBe('valid'); // listed, not sold yet
    const second = await h.newUser();
    const secondOrder = await h.complete(ticketId, second);
    const newer = await passOf(second, secondOrder);
    expect(newer).toMatchObject({ status: 'valid', generation: 1 });
    expect((await verify(pass.token)).body).toMatchObject({ status: 'revoked', reason: 'resold', generation: 0 });
    expect(await offline(pass.token)).toMatchObject({ status: 'revoked', reason: 'resold' });
    expect(await offline(newer.token)).toMatchObject({ status: 'valid', generation: 1 });
    expect(await passOf(buyer, orderId)).toMatchObject({ status: 'revoked', reason: 'resold' });
    const { revoked } = (await h.request(undefined, 'GET', '/api/checkin/revocations')).body as { revoked: Revocation[] };
    const jti = JSON.parse(Buffer.from(pass.token.split('.')[1], 'base64url').toString()).jti;
    expect(revoked).toContainEqual({ jti, ticketId, generation: 0, reason: 'resold', revokedAt: expect.any(String) });
  });

  it('an older generation\'s completion arriving after a newer one is issued already revoked', async () => {
    const [seller, first, second] = await Promise.all([h.newUser(), h.newUser(), h.newUser()]);
    const ticketId = await h.listTicket(seller);
    const late = crypto.randomUUID();
    const early = crypto.randomUUID();
    await h.feed('order:completed', { id: early, version: 1, userId: second.id, ticket: { id: ticketId, generation: 1 } });
    await h.feed('order:completed', { id: late, version: 1, userId: first.id, ticket: { id: ticketId, generation: 0 } });
    expect(await passOf(first, late)).toMatchObject({ status: 'revoked', reason: 'resold' });
    expect(await passOf(second, early)).toMatchObject({ status: 'valid', generation: 1 });
  });

  it('a refunded order\'s pass is revoked (refunded), also when the refund arrives first', async () => {
    const { pass, orderId, ticketId } = await sold();
    await h.refund(orderId, ticketId);
    expect((await verify(pass.token)).body).toMatchObject({ status: 'revoked', reason: 'refunded' });
    const [seller, buyer] = await Promise.all([h.newUser(), h.newUser()]);
    const other = await h.listTicket(seller);
    const early = crypto.randomUUID();
    await h.refund(early, other);
    await h.feed('order:completed', { id: early, version: 1, userId: buyer.id, ticket: { id: other } });
    expect(await passOf(buyer, early)).toMatchObject({ status: 'revoked', reason: 'refunded' });
    // Other cancellations (an expired order) change nothing.
    const kept = await sold();
    await h.feed('order:cancelled', { id: kept.orderId, version: 2, ticket: { id: kept.ticketId } });
    expect((await verify(kept.pass.token)).body.status).toBe('valid');
  });

  it('check-in: the organiser admits once; a second scan is revoked (checked-in)', async () => {
    const { organiser, pass, ticketId } = await sold();
    const first = await verify(pass.token, organiser, true);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'valid', ticketId, generation: 0, checkedInAt: expect.any(String) });
    const second = await verify(pass.token, organiser, true);
    expect(second.body).toMatchObject({ status: 'revoked', reason: 'checked-in', checkedInAt: first.body.checkedInAt });
    expect((await verify(pass.token)).body).toMatchObject({ status: 'revoked', reason: 'checked-in' });
    expect(await offline(pass.token)).toMatchObject({ status: 'revoked', reason: 'checked-in' });
  });

  it('two concurrent scans of one pass: exactly one is valid', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { organiser, pass } = await sold();
      const answers = await Promise.all(Array.from({ length: 8 }, () => verify(pass.token, organiser, true)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
      expect(answers.filter((answer) => answer.body.status === 'valid')).toHaveLength(1);
      expect(answers.filter((answer) => answer.body.reason === 'checked-in')).toHaveLength(7);
    }
  });

  it('check-in is the organiser\'s only: 401 signed out, 403 anyone else (and a ticket without an event); checkIn:false is open', async () => {
    const { pass, buyer, seller } = await sold();
    const stranger = await h.newUser();
    expect((await h.request(undefined, 'POST', '/api/checkin/verify', { token: pass.token })).status).toBe(401);
    for (const user of [stranger, buyer, seller]) {
      const answer = await verify(pass.token, user, true);
      expect(answer.status).toBe(403);
      expect(answer.body.errors[0].message).toMatch(/organiser/);
    }
    expect((await verify(pass.token, stranger, false)).body.status).toBe('valid');
    expect((await verify(pass.token, undefined, false)).body.status).toBe('valid');

    const noEvent = await h.listTicket(seller);
    const orderId = await h.complete(noEvent, buyer);
    const bare = await passOf(buyer, orderId);
    expect(bare.eventId).toBeUndefined();
    expect((await verify(bare.token, seller, true)).status).toBe(403);
  });
});
