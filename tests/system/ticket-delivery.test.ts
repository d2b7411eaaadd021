// Issue 17 through the real stack (infra mode: a process per service, RabbitMQ, the Stripe
// simulator, the gateway): a seller attaches a PDF, a buyer pays and downloads the very same bytes,
// the pass verifies (online and offline, from the JWKS and the revocation list), the buyer resells,
// a second and a third buyer follow — three sales of one ticket — and at each step the previous
// holder's pass is revoked, their download refused, and the reseller is the one payouts pays.
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, createLocalJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { startInfraStack, type BenchUser, type InfraStack } from '../../bench/support/infra-stack';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('ticket delivery, passes and resale through the gateway (infra mode)', () => {
  let stack: InfraStack;
  beforeAll(async () => { stack = await startInfraStack(); }, 180_000);
  afterAll(async () => { await stack?.stop(); }, 120_000);

  const call = async (user: BenchUser | undefined, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.gatewayUrl}${path}`, {
      method, headers: { ...(user ? { cookie: user.cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  const upload = (user: BenchUser, ticketId: string, bytes: Uint8Array, contentType: string) => fetch(`${stack.gatewayUrl}/api/tickets/${ticketId}/file`, {
    method: 'PUT', headers: { cookie: user.cookie, 'content-type': contentType }, body: new Blob([new Uint8Array(bytes)]),
  });
  const download = async (user: BenchUser | undefined, orderId: string) => {
    const response = await fetch(`${stack.gatewayUrl}/api/orders/${orderId}/ticket`, { headers: user ? { cookie: user.cookie } : {} });
    return { status: response.status, type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  const verify = async (token: string, as?: BenchUser, checkIn = false) => (await call(as, 'POST', '/api/checkin/verify', { token, checkIn })).json;

  /** Orders the ticket (retrying while orders' replica still shows the previous sale) and pays. */
  async function buy(buyer: BenchUser, ticketId: string) {
    const order = await waitFor(async () => {
      const answer = await call(buyer, 'POST', '/api/orders', { ticketId });
      return answer.status === 201 ? answer : undefined;
    }, { timeoutMs: 30_000, intervalMs: 100, what: 'orders takes an order for the listing' });
    const paid = await waitFor(async () => {
      const answer = await call(buyer, 'POST', '/api/payments', { orderId: order.json.id, token: 'tok_visa' });
      return answer.status === 404 ? undefined : answer;
    }, { timeoutMs: 30_000, what: 'payments knows the order' });
    expect(paid.status, JSON.stringify(paid.json)).toBe(201);
    const orderId: string = order.json.id;
    // Delivery hears of the completed order through orders' order:completed.
    const pass = await waitFor(async () => {
      const answer = await call(buyer, 'GET', `/api/orders/${orderId}/pass`);
      return answer.status === 200 ? answer.json : undefined;
    }, { timeoutMs: 30_000, what: 'delivery issued the pass' });
    return { orderId, pass, price: order.json.ticket.price as number };
  }

  /** Lists the bought ticket again, retrying while tickets has not heard that the order completed. */
  async function resell(holder: BenchUser, ticketId: string, price: number) {
    return waitFor(async () => {
      const answer = await call(holder, 'POST', `/api/tickets/${ticketId}/resale`, { price });
      return answer.status === 403 ? undefined : answer;
    }, { timeoutMs: 30_000, intervalMs: 100, what: 'tickets knows the buyer holds the ticket' });
  }

  it('a PDF reaches each of three buyers byte for byte; each resale revokes the pass before it and pays the reseller', async () => {
    const [organiser, seller, buyer1, buyer2, buyer3, stranger] = await Promise.all(Array.from({ length: 6 }, () => stack.newUser()));
    const event = await call(organiser, 'POST', '/api/events', {
      name: 'Delivery night', venue: 'Hall', city: 'Berlin', country: 'DE', startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(event.status, JSON.stringify(event.json)).toBe(201);
    const ticket = await waitFor(async () => {
      const answer = await call(seller, 'POST', '/api/tickets', { title: 'Row 3 seat 7', price: 50, faceValue: 50, eventId: event.json.id });
      return answer.status === 400 && answer.json.errors[0].message === 'Unknown event' ? undefined : answer;
    }, { timeoutMs: 30_000, intervalMs: 100, what: 'tickets knows the event' });
    expect(ticket.status, JSON.stringify(ticket.json)).toBe(201);
    const ticketId: string = ticket.json.id;

    // The seller's file: checked by content, limited in size, refused to anyone else.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200_000), Buffer.from('\n%%EOF\n')]);
    const attached = await waitFor(async () => {
      const response = await upload(seller, ticketId, pdf, 'application/pdf');
      return response.status === 404 ? undefined : response; // delivery's replica has not seen the ticket yet
    }, { timeoutMs: 30_000, intervalMs: 100, what: 'delivery knows the ticket' });
    expect(attached.status, await attached.clone().text()).toBe(200);
    expect(await attached.json()).toMatchObject({ ticketId, contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf) });
    expect((await upload(seller, ticketId, Buffer.from('GIF89a not a pdf'), 'application/pdf')).status).toBe(415);
    expect((await upload(seller, ticketId, Buffer.alloc(2 * 1024 * 1024 + 1, 0x25), 'application/pdf')).status).toBe(413);
    expect((await upload(stranger, ticketId, pdf, 'application/pdf')).status).toBe(403);

    // Sale 1: the buyer downloads the very same bytes; nobody else does.
    const sale1 = await buy(buyer1, ticketId);
    const got1 = await download(buyer1, sale1.orderId);
    expect(got1.status).toBe(200);
    expect(got1.type).toMatch(/^application\/pdf/);
    expect(sha256(got1.bytes)).toBe(sha256(pdf));
    expect((await download(stranger, sale1.orderId)).status).toBe(403);
    expect((await download(seller, sale1.orderId)).status).toBe(403);
    expect((await download(undefined, sale1.orderId)).status).toBe(401);
    expect(sale1.pass).toMatchObject({ status: 'valid', generation: 0, ticketId });
    expect(await verify(sale1.pass.token)).toMatchObject({ status: 'valid', ticketId, generation: 0 });
    expect((await fetch(`${stack.gatewayUrl}/api/orders/${sale1.orderId}/pass/qr.svg`, { headers: { cookie: buyer1.cookie } })).headers.get('content-type')).toMatch(/svg/);
    const pdfPass = await fetch(`${stack.gatewayUrl}/api/orders/${sale1.orderId}/pass/pdf`, { headers: { cookie: buyer1.cookie } });
    expect(pdfPass.status).toBe(200);
    expect(Buffer.from(await pdfPass.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    // Forgeries: a changed payload, another key's signature, garbage.
    const [head, payload, signature] = sale1.pass.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const changed = Buffer.from(JSON.stringify({ ...claims, hid: stranger.id })).toString('base64url');
    expect((await verify(`${head}.${changed}.${signature}`)).status).toBe('forged');
    const otherKey = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: decodeProtectedHeader(sale1.pass.token).kid }).sign(otherKey.privateKey);
    expect((await verify(foreign)).status).toBe('forged');
    expect((await verify('not-a-pass')).status).toBe('forged');

    // Sale 2: buyer 1 resells within the cap (120 % of face value in DE); over it is refused.
    expect((await resell(buyer1, ticketId, 61)).status).toBe(400);
    const relisted = await resell(buyer1, ticketId, 55);
    expect(relisted.status, JSON.stringify(relisted.json)).toBe(200);
    expect(relisted.json).toMatchObject({ id: ticketId, price: 55, userId: buyer1.id, generation: 1, reserved: false });
    // The reseller cannot swap the file that moves with the ticket (403 until delivery hears of the resale).
    const swap = await waitFor(async () => {
      const response = await upload(buyer1, ticketId, Buffer.from('%PDF-1.7\nswapped'), 'application/pdf');
      return response.status === 403 ? undefined : response;
    }, { timeoutMs: 30_000, intervalMs: 100, what: 'delivery knows the reseller' });
    expect(swap.status).toBe(409);
    const sale2 = await buy(buyer2, ticketId);
    expect(sale2.price).toBe(55);
    expect(sale2.pass).toMatchObject({ status: 'valid', generation: 1 });
    expect(sha256((await download(buyer2, sale2.orderId)).bytes)).toBe(sha256(pdf));
    await waitFor(async () => (await verify(sale1.pass.token)).status === 'revoked', { timeoutMs: 30_000, what: 'the first pass revoked' });
    expect(await verify(sale1.pass.token)).toMatchObject({ status: 'revoked', reason: 'resold' });
    expect((await download(buyer1, sale1.orderId)).status).toBe(403);

    // Sale 3.
    expect((await resell(buyer2, ticketId, 60)).status).toBe(200);
    const sale3 = await buy(buyer3, ticketId);
    expect(sale3.pass).toMatchObject({ status: 'valid', generation: 2 });
    expect(sha256((await download(buyer3, sale3.orderId)).bytes)).toBe(sha256(pdf));
    await waitFor(async () => (await verify(sale2.pass.token)).status === 'revoked', { timeoutMs: 30_000, what: 'the second pass revoked' });
    expect(await verify(sale1.pass.token)).toMatchObject({ status: 'revoked' });
    expect((await download(buyer2, sale2.orderId)).status).toBe(403);

    // Offline, as a door scanner without a connection would: the JWKS and the revocation list.
    const jwks = (await call(undefined, 'GET', '/api/checkin/jwks.json')).json as JSONWebKeySet;
    const revoked = new Set(((await call(undefined, 'GET', '/api/checkin/revocations')).json.revoked as Array<{ jti: string }>).map((entry) => entry.jti));
    const offline = async (token: string) => {
      const { payload: verified } = await jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
      return revoked.has(verified.jti!) ? 'revoked' : 'valid';
    };
    expect(await offline(sale3.pass.token)).toBe('valid');
    expect(await offline(sale2.pass.token)).toBe('revoked');
    expect(await offline(sale1.pass.token)).toBe('revoked');
    await expect(jwtVerify(foreign, createLocalJWKSet(jwks))).rejects.toThrow();

    // At the door: only the organiser admits; the first scan wins.
    expect((await call(stranger, 'POST', '/api/checkin/verify', { token: sale3.pass.token, checkIn: true })).status).toBe(403);
    expect(await verify(sale3.pass.token, organiser, true)).toMatchObject({ status: 'valid', generation: 2 });
    expect(await verify(sale3.pass.token, organiser, true)).toMatchObject({ status: 'revoked', reason: 'checked-in' });

    // Each resale paid its reseller: payouts booked sale 2 for buyer 1 and sale 3 for buyer 2.
    const salesOf = async (user: BenchUser) => (await call(user, 'GET', '/api/payouts')).json.sales.map((sale: { orderId: string }) => sale.orderId);
    await waitFor(async () => (await salesOf(buyer2)).includes(sale3.orderId), { timeoutMs: 30_000, what: 'payouts booked sale 3' });
    expect(await salesOf(buyer1)).toEqual([sale2.orderId]);
    expect(await salesOf(seller)).toEqual([sale1.orderId]);
  }, 240_000);
});
