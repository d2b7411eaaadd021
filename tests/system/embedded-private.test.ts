import { lstatSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { client, startStack, type StackProcess } from '../support/stack-process';

// `npm start` keeps what it holds to the machine and its owner: the data directory (password
// hashes, the signing key, payments) is owner-only, the port answers on loopback only unless HOST
// says otherwise, and a ticket tells the public that it is reserved, not by which order.
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

function everyPath(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return lstatSync(path).isDirectory() ? [path, ...everyPath(path)] : [path];
  });
}

const externalAddress = Object.values(networkInterfaces()).flat().find((item) => item && !item.internal && item.family === 'IPv4')?.address;

describe('npm start keeps its data, its port and its buyers private', () => {
  let stack: StackProcess;
  beforeAll(async () => {
    stack = await startStack({ env: { TICKETING_WEB: 'false' } });
    // Something in every store: a user (PGlite), an event (journal), a PaymentIntent (simulator).
    const user = client(stack.url);
    expect((await user('POST', '/api/users/signup', { email: `private-${Date.now()}@example.com`, password: 'pass1234' })).status).toBe(201);
  }, 300_000);
  afterAll(async () => { await stack?.stop(); stack?.cleanup(); });

  it('creates the data directory 0700 and every file in it owner-only (PGlite, journal, key, simulator, bus.sock)', () => {
    expect(lstatSync(stack.dataDir).mode & 0o777).toBe(0o700);
    const paths = everyPath(stack.dataDir);
    const names = paths.map((path) => path.slice(stack.dataDir.length + 1));
    expect(names).toEqual(expect.arrayContaining(['pglite', 'bus.sock', 'auth-signing-key.json', 'stripe-sim.jsonl.pid']));
    const open = paths.filter((path) => (lstatSync(path).mode & 0o077) !== 0).map((path) => `${path} ${(lstatSync(path).mode & 0o777).toString(8)}`);
    expect(open).toEqual([]);
  });

  it.skipIf(!externalAddress)('listens on 127.0.0.1 by default, not on the machine\'s other addresses', async () => {
    const port = Number(new URL(stack.url).port);
    expect(await reachable('127.0.0.1', port)).toBe(true);
    expect(await reachable(externalAddress!, port)).toBe(false);
  });

  it('a reserved ticket is reserved: true through the gateway; only its seller sees the orderId', async () => {
    const stamp = Date.now();
    const seller = client(stack.url);
    const buyer = client(stack.url);
    await seller('POST', '/api/users/signup', { email: `seller-${stamp}@example.com`, password: 'pass1234' });
    await buyer('POST', '/api/users/signup', { email: `buyer-${stamp}@example.com`, password: 'pass1234' });
    const ticket = (await seller('POST', '/api/tickets', { title: 'Private show', price: 10 })).body;
    expect(ticket).toMatchObject({ reserved: false });
    const order = await waitFor(async () => {
      const res = await buyer('POST', '/api/orders', { ticketId: ticket.id });
      return res.status === 201 ? res.body : undefined;
    }, { what: 'order accepted' });
    const anonymous = await waitFor(async () => {
      const res = await fetch(`${stack.url}/api/tickets/${ticket.id}`);
      const text = await res.text();
      return JSON.parse(text).reserved === true ? text : undefined;
    }, { what: 'ticket reserved' });
    expect(anonymous).not.toContain(order.id);
    expect(JSON.stringify((await buyer('GET', `/api/tickets/${ticket.id}`)).body)).not.toContain(order.id);
    expect((await seller('GET', `/api/tickets/${ticket.id}`)).body).toMatchObject({ reserved: true, orderId: order.id });
  });
});
