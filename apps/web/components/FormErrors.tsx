import type { ApiError } from '@/lib/types';

/** Errors that belong to the whole form, shown just above its button. */
export function FormErrors({ errors }: { errors: ApiError[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="form-errors" role="alert">
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e.message}</li>
        ))}
      </ul>
    </div>
  );
}
