// The node:http server: `/connect/onboarding/*` is the hosted onboarding page, `/__sim/*` goes to
// the simulator's own endpoints (with a test secret key,
// as the API asks: a web page cannot add an Authorization header to a cross-site request, so it
// cannot reset or fault a simulator on the developer's machine), everything else to the Stripe
// API pipeline. Also listening and closing, which the SDK's keep-alive sockets complicate.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate } from '../api/auth';
import { handleApiRequest, type ApiDeps } from './api-pipeline';
import { handleInspection, type SimulatorControls } from './inspection-routes';
import { handleOnboarding, isOnboardingPath } from './onboarding-routes';
import { BodyTooLargeError, readBody } from './read-body';
import { sendJson } from './respond';

export function createHttpServer(api: ApiDeps, controls: SimulatorControls): Server {
  return createServer((request, response) => void dispatch(api, controls, request, response));
}

async function dispatch(api: ApiDeps, controls: SimulatorControls, request: IncomingMessage, response: ServerResponse) {
  try {
    const url = new URL(request.url ?? '/', 'http://simulator');
    // Liveness for process managers and probes: no key, no state.
    if (url.pathname === '/healthz' && request.method === 'GET') return sendJson(response, 200, { status: 'ok' });
    const body = await readBody(request);
    // The hosted onboarding page a browser opens from an Account Link (its token is the credential).
    if (isOnboardingPath(url.pathname)) return handleOnboarding(api, request, response, url, body);
    if (url.pathname.startsWith('/__sim/')) {
      const auth = authenticate(request.headers.authorization);
      if ('error' in auth) return sendJson(response, auth.error.status, { error: auth.error.body });
      return handleInspection(controls, request, response, url, body);
    }
    await handleApiRequest(api, request, response, url, body);
  } catch (error) {
    if (response.headersSent || response.destroyed) return;
    const tooLarge = error instanceof BodyTooLargeError;
    if (!tooLarge) api.log({ level: 'error', msg: 'stripe simulator failed on a request', error: String((error as Error)?.stack ?? error) });
    const type = tooLarge ? 'invalid_request_error' : 'api_error';
    sendJson(response, tooLarge ? 413 : 500, { error: { type, message: (error as Error).message } });
  }
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** The SDK keeps connections alive; they are closed too, or `close` would wait for them. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

export function urlOf(address: AddressInfo): string {
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
