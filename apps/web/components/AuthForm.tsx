'use client';

import { useState, type FormEvent } from 'react';
import { useRequest } from '@/hooks/use-request';
import { fieldError, generalErrors } from '@/lib/errors';
import { TextField } from './TextField';
import { FormErrors } from './FormErrors';

const FIELDS = ['email', 'password'] as const;

interface Props {
  mode: 'signup' | 'signin';
}

const copy = {
  signup: { button: 'Sign Up', busy: 'Signing up…', passwordAutocomplete: 'new-password' },
  signin: { button: 'Sign In', busy: 'Signing in…', passwordAutocomplete: 'current-password' },
} as const;

export function AuthForm({ mode }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { post, errors, pending } = useRequest();
  const text = copy[mode];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await post(`/api/users/${mode}`, { email, password });
    // A full load, not a client navigation: the header and every page must re-read the new session.
    if (result?.ok) window.location.assign('/');
  }

  return (
    // noValidate: the API's messages are the ones we show, per field.
    <form className="form" onSubmit={onSubmit} noValidate>
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fieldError(errors, 'email')}
        required
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete={text.passwordAutocomplete}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldError(errors, 'password')}
        required
      />
      <FormErrors errors={generalErrors(errors, FIELDS)} />
      <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending || undefined}>
        {text.button}
      </button>
    </form>
  );
}
