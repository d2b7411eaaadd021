// `/connect/onboarding/<token>`: the simulator's stand-in for Stripe's hosted onboarding, opened by a
// browser from an Account Link's url (no API key: the unguessable token is the credential, as at
// Stripe). GET shows a plain HTML form (no scripts, no external assets); POST onboards the account
// and answers 303 to return_url; a used or expired link answers 303 to refresh_url instead.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ONBOARDING_PATH } from '../domain/connect/account-links';
import type { OnboardingDeps } from '../domain/connect/accounts';
import { lookupLink, submitOnboarding } from '../domain/connect/onboarding';
import type { SimAccountLink } from '../domain/store';
import type { ApiDeps } from './api-pipeline';
import { FormParseError, parseForm } from './form-params';

const MAX_NAME_LENGTH = 100;
/** A change no API request made: Stripe's event then has `request.id` null. */
const NO_REQUEST = { requestId: null, idempotencyKey: null };

export function isOnboardingPath(pathname: string): boolean {
  return pathname.startsWith(ONBOARDING_PATH);
}

export function handleOnboarding(deps: ApiDeps, request: IncomingMessage, response: ServerResponse, url: URL, body: string): void {
  const token = url.pathname.slice(ONBOARDING_PATH.length);
  if (request.method !== 'GET' && request.method !== 'POST') {
    return sendHtml(response, 405, page('Method not allowed', '<p>Use the link in a browser.</p>'), { Allow: 'GET, POST' });
  }
  const found = lookupLink(deps.store, token, deps.nowSeconds());
  if (found.kind === 'missing') return sendHtml(response, 404, page('Link not found', '<p>This onboarding link does not exist.</p>'));
  if (found.kind === 'spent') return redirect(response, found.link.refresh_url);
  if (request.method === 'GET') return sendHtml(response, 200, form(found.link, found.account.email, undefined));
  const name = submittedName(body);
  if (typeof name !== 'string') return sendHtml(response, 400, form(found.link, found.account.email, name.error));
  const onboarding = { store: deps.store, nowSeconds: deps.nowSeconds, emit: onboardingEmit(deps) };
  const next = submitOnboarding(onboarding, found.link, name);
  deps.persist?.(true);
  redirect(response, next);
}

export function onboardingEmit(deps: ApiDeps): OnboardingDeps['emit'] {
  return (type, object, options) => deps.emit(type, object, NO_REQUEST, options);
}

function submittedName(body: string): string | { error: string } {
  let value: unknown;
  try {
    value = parseForm(body).name;
  } catch (error) {
    if (error instanceof FormParseError) return { error: 'The form could not be read; please submit it again.' };
    throw error;
  }
  const name = typeof value === 'string' ? value.trim() : '';
  if (name === '') return { error: 'Enter your full name.' };
  if (name.length > MAX_NAME_LENGTH) return { error: `Your name can have at most ${MAX_NAME_LENGTH} characters.` };
  return name;
}

function form(link: SimAccountLink, email: string | null, error: string | undefined): string {
  const who = email ? ` for <strong>${escapeHtml(email)}</strong>` : '';
  return page(
    'Set up payouts',
    `<p>Stripe simulator: onboarding of the connected account <code>${escapeHtml(link.account)}</code>${who}.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post">
  <label for="name">Full name</label>
  <input id="name" name="name" type="text" autocomplete="name" maxlength="${MAX_NAME_LENGTH}" required>
  <button type="submit">Agree and submit</button>
</form>`,
  );
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Stripe simulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;margin:.5rem 0}input{width:100%;padding:.5rem}button{padding:.5rem 1rem}.error{color:#b00020}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${content}
</body>
</html>
`;
}

function sendHtml(response: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    ...SECURITY_HEADERS,
    ...headers,
  });
  response.end(html);
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(303, { Location: location, 'Content-Length': 0, ...SECURITY_HEADERS });
  response.end();
}

/** The token is in the url: no referrer leaves the page, no one frames it, nothing but its own style runs. */
const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  // No form-action: browsers apply it to the redirect that follows the submission (to return_url).
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
