'use client';

import type { ChangeEvent } from 'react';
import { TICKET_FILE_ACCEPT } from '@/lib/delivery';

interface Props {
  /** The label the field is found by ("Ticket file"). */
  label?: string;
  hint?: string;
  error?: string;
  onChange: (file: File | null) => void;
  disabled?: boolean;
}

/** The seller's ticket file: a PDF, an image, or a text file with the barcode, up to 2 MB. */
export function TicketFileInput({ label = 'Ticket file', hint, error, onChange, disabled }: Props) {
  const id = 'field-file';
  const hintText = hint ?? 'Optional: the ticket as a PDF, a PNG or JPEG image, or a text file with its barcode (up to 2 MB). The buyer gets it once they have paid.';
  const describedBy = [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field-hint">
        {hintText}
      </p>
      <input
        id={id}
        name="file"
        type="file"
        accept={TICKET_FILE_ACCEPT}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        disabled={disabled}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.files?.[0] ?? null)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
