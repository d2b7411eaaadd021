// Stripe's form encoding: `metadata[orderId]=o1&payment_method_types[0]=card&expand[]=x`.
// Indexed keys stay object keys ("0", "1"); readers that want a list accept both shapes, so a
// metadata key that happens to be numeric is not turned into an array. Every object is made
// without a prototype and only own keys are read, so `__proto__[x]=1` or `constructor[prototype][x]=1`
// is an ordinary (odd) parameter name, never a path into Object.prototype (the simulator runs inside
// the embedded process).

export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

export class FormParseError extends Error {
  constructor(readonly param: string, message: string) {
    super(message);
  }
}

export function parseForm(encoded: string): FormObject {
  const root: FormObject = Object.create(null) as FormObject;
  for (const pair of encoded.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    assign(root, keyPath(decode(rawKey)), decode(rawValue));
  }
  return root;
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    throw new FormParseError(component, `Invalid URL encoding: ${component}`);
  }
}

/** `a[b][0]` → ['a', 'b', '0']; `a[]` → ['a', '']. */
function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const path = [key.slice(0, open)];
  const rest = key.slice(open);
  const segment = /\[([^\]]*)\]/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = segment.exec(rest)) !== null) {
    path.push(match[1]);
    consumed = segment.lastIndex;
  }
  if (consumed !== rest.length) throw new FormParseError(key, `Invalid parameter name: ${key}`);
  return path;
}

function assign(root: FormObject, path: string[], value: string): void {
  let container: FormObject | FormValue[] = root;
  for (let i = 0; i < path.length; i++) {
    const last = i === path.length - 1;
    const next: FormValue = last ? value : path[i + 1] === '' ? [] : (Object.create(null) as FormObject);
    container = step(container, path[i], next, last, path);
  }
}

function step(container: FormObject | FormValue[], segment: string, next: FormValue, last: boolean, path: string[]) {
  if (Array.isArray(container)) {
    if (segment !== '') throw new FormParseError(path.join('.'), `Invalid array: ${path[0]}`);
    container.push(next);
    return next as FormObject | FormValue[];
  }
  const existing = Object.hasOwn(container, segment) ? container[segment] : undefined;
  if (last || existing === undefined) {
    container[segment] = next;
    return next as FormObject | FormValue[];
  }
  if (typeof existing === 'string' || Array.isArray(existing) !== Array.isArray(next)) {
    throw new FormParseError(path[0], `Invalid value for ${path[0]}: mixes a scalar and a nested value`);
  }
  return existing;
}
