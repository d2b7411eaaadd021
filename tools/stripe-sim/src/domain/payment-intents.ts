// The PaymentIntent endpoints: create (optionally confirming), retrieve, confirm, cancel.
import type Stripe from 'stripe';
import { moneyParams } from '../api/amount';
import { acceptsPaymentMethodTypes } from '../api/api-version';
import { invalidParam, resourceMissing, stateError, unknownParam } from '../api/errors';
import { metadataParam } from '../api/metadata';
import {
  nested,
  optionalBoolean,
  optionalEnum,
  optionalObject,
  optionalString,
  optionalStringList,
  rejectUnknown,
} from '../api/params';
import { assertReturnUrl, confirm } from './confirmation';
import type { HandlerContext } from './context';
import { assertExpandable, expanded } from './expand';
import { paymentIntentObject, type PaymentIntentInit } from './payment-intent-object';
import { paymentMethodFromParams } from './payment-methods';

const CREATE_PARAMS = [
  'amount', 'currency', 'payment_method', 'payment_method_data', 'payment_method_types', 'allowed_payment_method_types',
  'automatic_payment_methods',
  'confirm', 'metadata', 'description', 'receipt_email', 'return_url', 'capture_method', 'statement_descriptor_suffix',
  'transfer_group', 'expand',
] as const;
const CONFIRM_PARAMS = ['payment_method', 'payment_method_data', 'return_url', 'receipt_email', 'expand'] as const;
const EXPANDABLE = ['latest_charge', 'payment_method'] as const;
const CANCELABLE: readonly Stripe.PaymentIntent.Status[] = [
  'requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing',
];
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const;

export function createPaymentIntent(context: HandlerContext): object {
  const { params } = context;
  rejectUnknown(params, CREATE_PARAMS);
  assertExpandable(context, EXPANDABLE);
  const init = createParams(context);
  const confirmNow = optionalBoolean(params, 'confirm') ?? false;
  const returnUrl = optionalString(params, 'return_url');
  if (returnUrl !== undefined && !confirmNow) {
    throw invalidParam('return_url', 'You can only specify `return_url` when `confirm` is set to `true`.');
  }
  const paymentMethod = paymentMethodFromParams(context);
  const intent = paymentIntentObject({ ...init, paymentMethodId: paymentMethod?.object.id ?? null }, context.apiVersion, context.nowSeconds());
  if (confirmNow) assertReturnUrl(intent, returnUrl);
  context.store.paymentIntents.set(intent.id, intent);
  context.emit('payment_intent.created', intent);
  if (confirmNow) confirm(context, intent, { paymentMethod, returnUrl, receiptEmail: undefined });
  return expanded(context, intent);
}

export function retrievePaymentIntent(context: HandlerContext): object {
  rejectUnknown(context.params, ['client_secret', 'expand']);
  assertExpandable(context, EXPANDABLE);
  const intent = findIntent(context);
  const secret = optionalString(context.params, 'client_secret');
  if (secret !== undefined && secret !== intent.client_secret) {
    throw invalidParam('client_secret', 'The client_secret provided does not match the client_secret associated with the PaymentIntent.');
  }
  return expanded(context, intent);
}

export function confirmPaymentIntent(context: HandlerContext): object {
  const { params } = context;
  rejectUnknown(params, CONFIRM_PARAMS);
  assertExpandable(context, EXPANDABLE);
  const intent = findIntent(context);
  const returnUrl = optionalString(params, 'return_url');
  const receiptEmail = optionalString(params, 'receipt_email');
  const paymentMethod = paymentMethodFromParams(context);
  confirm(context, intent, { paymentMethod, returnUrl, receiptEmail });
  return expanded(context, intent);
}

export function cancelPaymentIntent(context: HandlerContext): object {
  rejectUnknown(context.params, ['cancellation_reason', 'expand']);
  assertExpandable(context, EXPANDABLE);
  const reason = optionalEnum(context.params, 'cancellation_reason', CANCELLATION_REASONS);
  const intent = findIntent(context);
  if (!CANCELABLE.includes(intent.status)) {
    const message = `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`;
    throw stateError(message, 'payment_intent_unexpected_state', { payment_intent: structuredClone(intent) });
  }
  intent.status = 'canceled';
  intent.canceled_at = context.nowSeconds();
  intent.cancellation_reason = reason ?? null;
  context.emit('payment_intent.canceled', intent);
  return expanded(context, intent);
}

function findIntent(context: HandlerContext): Stripe.PaymentIntent {
  const id = context.path.id;
  const intent = context.store.paymentIntents.get(id);
  if (!intent) throw resourceMissing(`No such payment_intent: '${id}'`, 'intent', 404);
  return intent;
}

function createParams(context: HandlerContext): Omit<PaymentIntentInit, 'paymentMethodId'> {
  const { params } = context;
  const money = moneyParams(params);
  const methods = paymentMethodChoice(context);
  return {
    ...money,
    ...methods,
    metadata: metadataParam(params),
    description: optionalString(params, 'description') ?? null,
    receiptEmail: optionalString(params, 'receipt_email') ?? null,
    statementDescriptorSuffix: optionalString(params, 'statement_descriptor_suffix') ?? null,
    // Connect's separate charges and transfers: the charge carries it, transfers name it.
    transferGroup: optionalString(params, 'transfer_group') || null,
    captureMethod: captureMethodParam(context),
  };
}

type MethodChoice = Pick<PaymentIntentInit, 'paymentMethodTypes' | 'allowedPaymentMethodTypes' | 'automaticPaymentMethods'>;

function paymentMethodChoice(context: HandlerContext): MethodChoice {
  const { params } = context;
  const types = legacyTypes(context);
  exclusive(params, ['payment_method_types', 'automatic_payment_methods']);
  exclusive(params, ['payment_method_types', 'allowed_payment_method_types']);
  if (types) return { paymentMethodTypes: types, allowedPaymentMethodTypes: undefined, automaticPaymentMethods: undefined };
  const listed = optionalStringList(params, 'allowed_payment_method_types');
  const allowed = listed && checkedTypes('allowed_payment_method_types', listed);
  const automatic = nested('automatic_payment_methods', () => automaticParam(context));
  // `enabled=false` turns the dynamic choice off: the listed (or card) types apply as they are.
  if (automatic && !automatic.enabled) {
    return { paymentMethodTypes: allowed ?? ['card'], allowedPaymentMethodTypes: allowed, automaticPaymentMethods: undefined };
  }
  return { paymentMethodTypes: undefined, allowedPaymentMethodTypes: allowed, automaticPaymentMethods: automatic };
}

/** `payment_method_types` exists only before 2026-09-30.endive; newer versions do not know it. */
function legacyTypes(context: HandlerContext): string[] | undefined {
  const types = optionalStringList(context.params, 'payment_method_types');
  if (types && !acceptsPaymentMethodTypes(context.apiVersion)) throw unknownParam('payment_method_types');
  return types && checkedTypes('payment_method_types', types);
}

function exclusive(params: HandlerContext['params'], names: [string, string]): void {
  if (params[names[0]] !== undefined && params[names[1]] !== undefined) {
    throw invalidParam(names[0], `You may only specify one of these parameters: ${[...names].sort().join(', ')}.`);
  }
}

function checkedTypes(param: string, types: string[]): string[] {
  if (types.length === 0) throw invalidParam(param, `${param} must not be empty.`);
  const other = types.find((type) => type !== 'card');
  if (other) throw invalidParam(param, `The simulator supports only the payment method type card, not ${other}.`);
  return types;
}

function automaticParam(context: HandlerContext): Stripe.PaymentIntent.AutomaticPaymentMethods | undefined {
  const raw = optionalObject(context.params, 'automatic_payment_methods');
  if (!raw) return undefined;
  rejectUnknown(raw, ['enabled', 'allow_redirects']);
  const enabled = optionalBoolean(raw, 'enabled');
  if (enabled === undefined) throw invalidParam('enabled', 'Missing required param: enabled.', 'parameter_missing');
  const allowRedirects = optionalEnum(raw, 'allow_redirects', ['always', 'never'] as const) ?? 'always';
  return { allow_redirects: allowRedirects, enabled };
}

function captureMethodParam(context: HandlerContext): 'automatic' | 'automatic_async' | undefined {
  const value = optionalEnum(context.params, 'capture_method', ['automatic', 'automatic_async', 'manual'] as const);
  if (value === 'manual') throw invalidParam('capture_method', 'The simulator does not support capture_method=manual.');
  return value;
}
