'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useRequest } from '@/hooks/use-request';
import { checkCard } from '@/lib/card-validation';
import { fieldError, generalErrors } from '@/lib/errors';
import { newIdempotencyKey } from '@/lib/uuid';
import { TextField } from './TextField';
import { FormErrors } from './FormErrors';
import { TestCardList } from './TestCardList';

const FIELDS = ['cardNumber', 'expiry', 'cvc'] as const;

export function CardForm({ orderId }: { orderId: string }) {
  const [cardNumber, setCardNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [cvc, setCvc] = useState('');
  const { post, errors, setErrors, pending } = useRequest();
  const router = useRouter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkCard({ cardNumber, expiry, cvc });
    if (!check.ok) return setErrors(check.errors);
    // One key per attempt: a resent attempt is charged once, a new attempt is a new charge.
    const headers = { 'Idempotency-Key': newIdempotencyKey() };
    const result = await post('/api/payments', { orderId, token: check.token }, headers);
    if (result?.ok) router.push('/orders');
    else if (result?.status === 401) router.push('/auth/signin');
  }

  return (
    <div className="payment">
      <form className="form" onSubmit={onSubmit} noValidate aria-label="Pay by card">
        <TextField
          name="cardNumber"
          label="Card number"
          inputMode="numeric"
          autoComplete="cc-number"
          placeholder="4242 4242 4242 4242"
          maxLength={23}
          value={cardNumber}
          onChange={(e) => setCardNumber(e.target.value)}
          error={fieldError(errors, 'cardNumber')}
          required
        />
        <div className="field-row">
          <TextField
            name="expiry"
            label="Expiry"
            inputMode="numeric"
            autoComplete="cc-exp"
            placeholder="MM/YY"
            maxLength={7}
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
            error={fieldError(errors, 'expiry')}
            required
          />
          <TextField
            name="cvc"
            label="CVC"
            inputMode="numeric"
            autoComplete="cc-csc"
            placeholder="123"
            maxLength={4}
            value={cvc}
            onChange={(e) => setCvc(e.target.value)}
            error={fieldError(errors, 'cvc')}
            required
          />
        </div>
        <FormErrors errors={generalErrors(errors, FIELDS)} />
        <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending || undefined}>
          Pay
        </button>
      </form>
      <TestCardList onPick={setCardNumber} />
    </div>
  );
}
