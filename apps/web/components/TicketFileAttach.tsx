'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import type { ApiError } from '@/lib/types';
import { putBytes } from '@/lib/client-api';
import { formatBytes, ticketFileKind, ticketFileProblem } from '@/lib/delivery';
import { attachTicketFile } from '@/lib/ticket-file-upload';
import { fieldError, generalErrors } from '@/lib/errors';
import { FormErrors } from './FormErrors';
import { TicketFileInput } from './TicketFileInput';

interface Props {
  ticketId: string;
  /** What is attached now (from a HEAD of the file), or null when nothing is. */
  attached: { contentType: string | null; size: number | null } | null;
}

/** On the seller's own ticket page: the file the buyer will get, and attaching (or replacing) it. */
export function TicketFileAttach({ ticketId, attached }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const router = useRouter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!file) return setErrors([{ field: 'file', message: 'Choose the file to attach.' }]);
    const problem = ticketFileProblem(file);
    if (problem) return setErrors([{ field: 'file', message: problem }]);
    setPending(true);
    setErrors([]);
    const result = await attachTicketFile(ticketId, file, { send: putBytes });
    setPending(false);
    if (!result.ok) {
      if (result.status === 401) return router.push('/auth/signin');
      return setErrors(result.errors);
    }
    setDone(true);
    router.refresh();
  }

  return (
    <section className="ticket-file" aria-labelledby="ticket-file-heading">
      <h2 id="ticket-file-heading">Ticket file</h2>
      {attached ? (
        <p>
          Attached: {ticketFileKind(attached.contentType)}
          {attached.size !== null && `, ${formatBytes(attached.size)}`}.{' '}
          <a href={`/api/tickets/${ticketId}/file`} download>
            Download the attached file
          </a>
        </p>
      ) : (
        <p className="muted">No file attached yet: the buyer gets it once you attach it.</p>
      )}
      {done && <p role="status">The file is attached.</p>}
      <form className="form" onSubmit={onSubmit} noValidate>
        <TicketFileInput
          hint="A PDF, a PNG or JPEG image, or a text file with the barcode (up to 2 MB). Once a buyer has it, it can no longer be changed."
          onChange={(chosen) => {
            setFile(chosen);
            setDone(false);
            setErrors([]);
          }}
          error={fieldError(errors, 'file')}
          disabled={pending}
        />
        <FormErrors errors={generalErrors(errors, ['file'])} />
        <button type="submit" className="button" disabled={pending} aria-busy={pending || undefined}>
          {attached ? 'Replace the file' : 'Attach the file'}
        </button>
      </form>
    </section>
  );
}
