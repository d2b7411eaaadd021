// POST /v1/account_links: a single-use, expiring url to the simulator's hosted onboarding page for
// one connected account (Stripe's expire after a few minutes; here 5 on the simulator's clock).
import { invalidParam, missingParam, resourceMissing } from '../../api/errors';
import { optionalEnum, optionalString, rejectUnknown } from '../../api/params';
import type { HandlerContext } from '../context';
import { assertExpandable } from '../expand';
import { randomToken } from '../ids';
import type { SimAccountLink } from '../store';

export const ACCOUNT_LINK_TTL_SECONDS = 300;
export const ONBOARDING_PATH = '/connect/onboarding/';

const PARAMS = ['account', 'refresh_url', 'return_url', 'type', 'collect', 'collection_options', 'expand'] as const;

export function createAccountLink(context: HandlerContext): object {
  const { params } = context;
  rejectUnknown(params, PARAMS);
  assertExpandable(context, []);
  const accountId = optionalString(params, 'account');
  if (!accountId) throw missingParam('account');
  const type = optionalEnum(params, 'type', ['account_onboarding', 'account_update'] as const);
  if (!type) throw missingParam('type');
  optionalEnum(params, 'collect', ['currently_due', 'eventually_due'] as const);
  const refreshUrl = urlParam(context, 'refresh_url');
  const returnUrl = urlParam(context, 'return_url');
  if (!context.store.accounts.get(accountId)) throw resourceMissing(`No such account: '${accountId}'`, 'account', 400);
  const created = context.nowSeconds();
  const link: SimAccountLink = {
    token: randomToken(32),
    account: accountId,
    type,
    refresh_url: refreshUrl,
    return_url: returnUrl,
    created,
    expires_at: created + ACCOUNT_LINK_TTL_SECONDS,
    used_at: null,
  };
  context.store.accountLinks.set(link.token, link);
  return { object: 'account_link', created, expires_at: link.expires_at, url: `${context.origin}${ONBOARDING_PATH}${link.token}` };
}

function urlParam(context: HandlerContext, name: string): string {
  const value = optionalString(context.params, name);
  if (!value) throw missingParam(name);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParam(name, `Not a valid URL: ${value}`, 'url_invalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidParam(name, `Not a valid URL: ${value}`, 'url_invalid');
  return value;
}
