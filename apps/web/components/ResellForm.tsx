'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import type { Ticket } from '@/lib/types';
import { useRequest } from '@/hooks/use-request';
import { fieldError, generalErrors } from '@/lib/errors';
import { moneyValue } from '@/lib/money-input';
import { TextField } from './TextField';
import { FormErrors } from './FormErrors';

interface Props {
  ticketId: string;
  /** The cap in words ("At most $60.00: 120 % of the face value"), when the ticket has one. */
  capHint?: string;
}

/** The holder lists their bought ticket again (POST /api/tickets/:id/resale); the buyer of the resale gets a new pass. */
export function ResellForm({ ticketId, capHint }: Props) {
  const [price, setPrice] = useState('');
  const { post, errors, pending } = useRequest();
  const router = useRouter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await post<Ticket>(`/api/tickets/${encodeURIComponent(ticketId)}/resale`, { price: moneyValue(price) ?? '' });
    if (!result) return;
    if (result.ok) router.push(`/tickets/${result.data.id}`);
    else if (result.status === 401) router.push('/auth/signin');
  }

  return (
    <section className="resell" aria-labelledby="resell-heading">
      <h2 id="resell-heading">Resell</h2>
      <p className="muted">Can&apos;t go? List the ticket again. When it sells, your pass stops working and the buyer gets a new one.</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          name="resale-price"
          label="Resale price"
          hint={capHint ? `In US dollars. ${capHint}` : 'In US dollars, e.g. 12.50'}
          inputMode="decimal"
          autoComplete="off"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          error={fieldError(errors, 'price')}
          required
        />
        <FormErrors errors={generalErrors(errors, ['price'])} />
        <button type="submit" className="button" disabled={pending} aria-busy={pending || undefined}>
          Resell
        </button>
      </form>
    </section>
  );
}
