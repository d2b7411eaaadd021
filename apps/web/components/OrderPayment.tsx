'use client';

import { useCountdown } from '@/hooks/use-countdown';
import { Countdown } from './Countdown';
import { CardForm } from './CardForm';

interface Props {
  orderId: string;
  expiresAt: string;
  initialMsLeft: number;
}

/** The live part of an unpaid order: the countdown, then either the card form or "Order Expired". */
export function OrderPayment({ orderId, expiresAt, initialMsLeft }: Props) {
  const msLeft = useCountdown(expiresAt, initialMsLeft);
  if (msLeft <= 0) {
    return (
      <p className="notice notice-error expired" role="status">
        Order Expired
      </p>
    );
  }
  return (
    <>
      <Countdown msLeft={msLeft} />
      <CardForm orderId={orderId} />
    </>
  );
}
