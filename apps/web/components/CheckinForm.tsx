'use client';

import { useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '@/lib/types';
import { postJson } from '@/lib/client-api';
import { checkinHeadline, checkinReasonText, cleanPassCode, type CheckinResult } from '@/lib/delivery';
import { formatMoment } from '@/lib/format';
import { FormErrors } from './FormErrors';

/** POST /api/checkin/verify {token, checkIn}: one scan at a time, the form ready for the next. */
export function CheckinForm() {
  const [code, setCode] = useState('');
  const [record, setRecord] = useState(false);
  const [result, setResult] = useState<{ answer: CheckinResult; recorded: boolean } | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [pending, setPending] = useState(false);
  const inFlight = useRef(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return;
    const token = cleanPassCode(code);
    if (!token) return setErrors([{ field: 'token', message: 'Paste the code of the pass.' }]);
    inFlight.current = true;
    setPending(true);
    setErrors([]);
    setResult(null);
    const answer = await postJson<CheckinResult>('/api/checkin/verify', { token, checkIn: record });
    inFlight.current = false;
    setPending(false);
    if (answer.ok) setResult({ answer: answer.data, recorded: record });
    // 401 signed out, 403 not the event's organiser: the API's own words.
    else setErrors(answer.errors);
  }

  const tokenError = errors.find((e) => e.field === 'token')?.message;
  const reason = result ? checkinReasonText(result.answer) : undefined;
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="field-token">Pass code</label>
        <textarea
          id="field-token"
          name="token"
          rows={4}
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={tokenError ? true : undefined}
          aria-describedby={tokenError ? 'field-token-error' : undefined}
        />
        {tokenError && (
          <p id="field-token-error" className="field-error" role="alert">
            {tokenError}
          </p>
        )}
      </div>
      <label className="checkbox">
        <input type="checkbox" name="checkIn" checked={record} onChange={(e) => setRecord(e.target.checked)} /> Record admission
      </label>
      <FormErrors errors={errors.filter((e) => e.field !== 'token')} />
      <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending || undefined}>
        Check pass
      </button>
      <div role="status" aria-live="polite" className="checkin-result">
        {result && (
          <div className={`notice ${result.answer.status === 'valid' ? 'notice-info' : 'notice-error'}`}>
            <p>
              <strong>{checkinHeadline(result.answer, result.recorded)}</strong>
            </p>
            {reason && <p>Reason: {reason}</p>}
            {result.answer.checkedInAt && <p>Checked in {formatMoment(result.answer.checkedInAt)}</p>}
            {result.answer.ticketId && (
              <p className="muted">
                Ticket {result.answer.ticketId}
                {result.answer.generation !== undefined && result.answer.generation > 0 && `, resale ${result.answer.generation}`}
              </p>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
