'use client';

import { useRouter } from 'next/navigation';
import { useRequest } from '@/hooks/use-request';
import type { Order } from '@/lib/types';
import { FormErrors } from './FormErrors';

interface Props {
  ticketId: string;
  signedIn: boolean;
}

/** Reserves the ticket (creates an order) and moves on to paying for it. */
export function PurchaseButton({ ticketId, signedIn }: Props) {
  const router = useRouter();
  const { post, errors, pending } = useRequest();

  async function purchase() {
    if (!signedIn) return router.push('/auth/signin');
    const result = await post<Order>('/api/orders', { ticketId });
    if (!result) return;
    if (result.ok) router.push(`/orders/${result.data.id}`);
    // The session may have expired since the page was rendered.
    else if (result.status === 401) router.push('/auth/signin');
  }

  return (
    <div className="purchase">
      <FormErrors errors={errors} />
      <button type="button" className="button button-primary" onClick={purchase} disabled={pending} aria-busy={pending || undefined}>
        Purchase
      </button>
    </div>
  );
}
