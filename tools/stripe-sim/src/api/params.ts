// Readers for form parameters, with Stripe's messages for the wrong type. Every value arrives as a
// string; Stripe coerces "true"/"false" and integer strings itself.
import { invalidParam, missingParam, StripeApiError, unknownParam } from './errors';
import type { FormObject, FormValue } from '../server/form-params';

export function rejectUnknown(params: FormObject, allowed: readonly string[], prefix?: string): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw unknownParam(prefix ? `${prefix}[${key}]` : key);
  }
}

export function optionalString(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(name, `Invalid string: ${describe(value)}`);
  return value;
}

export function requiredString(params: FormObject, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw missingParam(name);
  return value;
}

export function optionalInteger(params: FormObject, name: string): number | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw invalidParam(name, `Invalid integer: ${value}`);
  }
  return Number(value);
}

export function requiredInteger(params: FormObject, name: string): number {
  const value = optionalInteger(params, name);
  if (value === undefined) throw missingParam(name);
  return value;
}

export function optionalBoolean(params: FormObject, name: string): boolean | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw invalidParam(name, `Invalid boolean: ${value}`);
  return value === 'true';
}

export function optionalEnum<T extends string>(params: FormObject, name: string, values: readonly T[]): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw invalidParam(name, `Invalid ${name}: must be one of ${values.join(', ')}`);
  }
  return value as T;
}

export function optionalObject(params: FormObject, name: string): FormObject | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string' || Array.isArray(value)) throw invalidParam(name, `Invalid object`);
  return value;
}

/** A list arrives as `name[0]=a&name[1]=b` (object with index keys) or `name[]=a`. */
export function optionalStringList(params: FormObject, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : typeof value === 'object' ? indexedValues(value, name) : undefined;
  if (!items || items.some((item) => typeof item !== 'string')) throw invalidParam(name, `Invalid array`);
  return items as string[];
}

function indexedValues(value: FormObject, name: string): FormValue[] {
  const keys = Object.keys(value);
  if (!keys.every((key) => /^\d+$/.test(key))) throw invalidParam(name, `Invalid array`);
  return keys.sort((a, b) => Number(a) - Number(b)).map((key) => value[key]);
}

export function expandList(params: FormObject): string[] {
  return optionalStringList(params, 'expand') ?? [];
}

function describe(value: FormValue): string {
  return JSON.stringify(value);
}

/** Runs readers on a nested hash so their errors name the full parameter, e.g. `a[b]`. */
export function nested<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof StripeApiError && error.body.param && !error.body.param.startsWith(prefix)) {
      error.body.param = `${prefix}[${error.body.param}]`;
      error.body.message = error.body.message.replace(/(param(?:eter)?: )(\w+)/, `$1${prefix}[$2]`);
    }
    throw error;
  }
}
