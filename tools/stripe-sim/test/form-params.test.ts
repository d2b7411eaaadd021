import { describe, expect, it } from 'vitest';
import { FormParseError, parseForm } from '../src/server/form-params';

describe('Stripe form encoding', () => {
  it('nests bracketed keys and decodes values', () => {
    expect(parseForm('amount=100&metadata[orderId]=o%201&metadata[a%26b]=x%3Dy+z')).toEqual({
      amount: '100',
      metadata: { orderId: 'o 1', 'a&b': 'x=y z' },
    });
  });

  it('keeps indexed lists as index-keyed objects and empty brackets as arrays', () => {
    expect(parseForm('payment_method_types[0]=card&expand[]=latest_charge&expand[]=payment_method')).toEqual({
      payment_method_types: { '0': 'card' },
      expand: ['latest_charge', 'payment_method'],
    });
  });

  it('reads deeper nesting', () => {
    expect(parseForm('payment_method_data[type]=card&payment_method_data[card][token]=tok_visa')).toEqual({
      payment_method_data: { type: 'card', card: { token: 'tok_visa' } },
    });
  });

  it('rejects a key that is both a value and a hash', () => {
    expect(() => parseForm('metadata=x&metadata[a]=b')).toThrow(FormParseError);
  });

  it('rejects malformed names and encodings', () => {
    expect(() => parseForm('metadata[a=b')).toThrow(FormParseError);
    expect(() => parseForm('amount=%E0%A4%A')).toThrow(FormParseError);
  });
});
