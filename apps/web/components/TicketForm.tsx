'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useRequest } from '@/hooks/use-request';
import { fieldError, generalErrors } from '@/lib/errors';
import { TextField } from './TextField';
import { FormErrors } from './FormErrors';

const FIELDS = ['title', 'price'] as const;

/** A well-formed amount goes as a number; anything else is sent as typed so the API explains what is wrong. */
function priceValue(raw: string): number | string {
  const trimmed = raw.trim().replace(/^\$/, '');
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function TicketForm() {
  const [title, setTitle] = useState('');
  const [price, setPrice] = useState('');
  const { post, errors, pending } = useRequest();
  const router = useRouter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await post('/api/tickets', { title, price: priceValue(price) });
    if (result?.ok) {
      router.push('/');
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <TextField
        name="title"
        label="Title"
        autoComplete="off"
        maxLength={200}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={fieldError(errors, 'title')}
        required
      />
      <TextField
        name="price"
        label="Price"
        hint="In US dollars, e.g. 12.50"
        inputMode="decimal"
        autoComplete="off"
        value={price}
        onChange={(e) => setPrice(e.target.value)}
        error={fieldError(errors, 'price')}
        required
      />
      <FormErrors errors={generalErrors(errors, FIELDS)} />
      <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending || undefined}>
        Create Ticket
      </button>
    </form>
  );
}

