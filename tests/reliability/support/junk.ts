// Generators of bad input: JSON values of every shape, strings that look like numbers but are
// not, huge and exotic strings, malformed headers, cookies, path ids and query strings.
import fc from 'fast-check';

/** encodeURIComponent that accepts lone surrogates (they become U+FFFD, as a browser sends them). */
export const encodePart = (text: string) => encodeURIComponent(text.replace(loneSurrogate, '\ufffd'));
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Characters allowed in an HTTP header value (visible ASCII and space). */
const headerChar = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
export const headerText = (maxLength = 80) => fc.string({ unit: headerChar, maxLength });

/** Strings a lenient parser might take for numbers. */
export const numberishStrings = [
  'NaN', '-NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '1e3', '1E-3', '0x10', '0b1', '0o7', '1_000', '',
  ' ', '\t10', '10px', '١٠', '１０', '10,5', '10.5.5', '.5', '5.', '+5', '--5', '0.001', '1e-7', '9'.repeat(400), 'null', 'true',
];

/** Strings that tend to break things downstream: control characters, NUL, lone surrogates, SQL, paths. */
export const nastyStrings = [
  '\u0000', 'a\u0000b', '\u0007\u001b[31m', '\ud800', '\udfff', '\u202e', '\ufeff', '𝕋𝕚𝕔𝕜𝕖𝕥', '👨‍👩‍👧‍👦', "' OR 1=1 --",
  "'; DROP TABLE tickets; --", '../../etc/passwd', '%00', '${7*7}', '{{7*7}}', '<script>alert(1)</script>', '__proto__',
  'constructor', 'toString', '\r\n', '   ',
];

const hugeString = fc.tuple(fc.integer({ min: 201, max: 15_000 }), fc.constantFrom('a', 'é', '€', '😀', ' ', '\u0000'))
  .map(([length, unit]) => unit.repeat(length));

export const junkString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...numberishStrings, ...nastyStrings),
  hugeString,
);

export const junkNumber = fc.oneof(
  fc.integer(), fc.double(), fc.constantFrom(0, -0, -1, 1e21, -1e21, 1e308, 5e-324, 0.001, 1.005, 1_000_000.01, Number.MAX_SAFE_INTEGER + 2),
);

/** Any JSON value, from scalars to nested objects and arrays. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  junkString, junkNumber, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 4 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(junkString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
);

/** Text that is not a JSON document (or is an empty one). */
export const invalidJsonText = fc.oneof(
  fc.constantFrom('', '{', '{"a":', '[1,2', "{'a':1}", '{"a":1,}', 'undefined', 'NaN', '{"__proto__":{"x":1}}', '\u0000', '{"a":"\ud800"}'),
  fc.string({ unit: 'grapheme', maxLength: 60 }).filter((text) => !isJson(text)),
);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Content types other than JSON, and JSON ones spelled oddly. */
export const wrongContentType = fc.oneof(
  fc.constantFrom(
    'text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml',
    'application/octet-stream', 'application/jsonx', 'json', '*/*', '', ';', 'application/json; charset=utf-16', 'application/json; charset=latin1',
  ),
  headerText(40),
);

/** Values of the session cookie that are not a session. */
export const junkSessionValue = fc.oneof(
  headerText(60).map((text) => text.replaceAll(';', '')),
  fc.constantFrom('', '""', 'null', 'undefined', '%', '%E0%A4%A', '%zz', 'a.b.c', 'a.b', '...', 'eyJhbGciOiJub25lIn0.e30.', 'eyJ.eyJ.eyJ'),
  fc.tuple(fc.base64String({ maxLength: 60 }), fc.base64String({ maxLength: 120 }), fc.base64String({ maxLength: 90 }))
    .map(([header, payload, signature]) => `${header}.${payload}.${signature}`),
);

/** A whole Cookie header that carries no valid session. */
export const junkCookieHeader = fc.oneof(
  junkSessionValue.map((value) => `session=${value}`),
  fc.tuple(junkSessionValue, junkSessionValue).map(([a, b]) => `session=${a}; session=${b}`),
  headerText(100),
  fc.constantFrom('session', '=', ';;;', 'session=;', 'express:sess=eyJqd3QiOiJ4In0=', 'session=%%%%'),
);

/** Path segments that name nothing: random text, unknown UUIDs, traversal, broken percent-encoding. */
export const junkPathId = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodePart),
  fc.string({ unit: headerChar, minLength: 1, maxLength: 40 }).map((text) => text.replace(/[?#/ ]/g, '')).filter((text) => text.length > 0),
  fc.constantFrom(
    '..', '../..', '..%2F..%2Fusers', '%2e%2e', '%', '%zz', '%00', '%2F', '%E0%A4%A', '%C0%AE%C0%AE', '.', 'null', 'undefined', '0', '-1', '1e3',
    '%20', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '%27%20OR%201%3D1--', 'x'.repeat(2_000),
    `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}%00`, '%7B%7D', '__proto__', 'constructor',
  ),
);

/** One query-string value, as sent on the wire (already percent-encoded or deliberately broken). */
const junkQueryValue = fc.oneof(
  junkString.map(encodePart),
  fc.constantFrom(...numberishStrings).map(encodePart),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '', '1&limit=2', '1;2'),
);

/**
 * A query string (without '?') mixing a route's parameters with junk keys, repeats and brackets;
 * `values` are plausible values of those parameters (sent encoded) mixed in with the junk.
 */
export function junkQueryOf(parameters: string[], values: string[] = []): fc.Arbitrary<string> {
  const keys = parameters.flatMap((name) => [name, `${name}[]`]).concat('limit[a]', '__proto__', 'x', '');
  const value = values.length ? fc.oneof(junkQueryValue, fc.constantFrom(...values).map(encodePart)) : junkQueryValue;
  return fc.array(fc.tuple(fc.constantFrom(...keys), value).map(([key, text]) => `${key}=${text}`), { minLength: 1, maxLength: 4 })
    .map((pairs) => pairs.join('&'));
}

/** A query string of the list routes' common parameters (limit, after). */
export const junkQuery = junkQueryOf(['limit', 'after']);

/** Garbage Idempotency-Key header values (the empty one and the too long one included). */
export const junkIdempotencyKey = fc.oneof(headerText(60), fc.constantFrom('', ' ', 'k'.repeat(201), 'k'.repeat(5_000)));
