import { createHmac } from 'node:crypto';
import { logger } from './logger';

interface PaynowEvent {
  id: string;
  amount: number;
  payer: { nric: string; phone: string; email: string; name: string };
}

export function handlePaynowWebhook(event: PaynowEvent, signature: string): void {
  // Covered by the logger's redact paths.
  logger.info({ eventId: event.id, payer: { nric: event.payer.nric, phone: event.payer.phone } }, 'paynow webhook received');
  if (!verify(event, signature)) {
    logger.warn(`invalid signature for payer ${event.payer.phone}`);
    return;
  }
  logger.info({ eventId: event.id, payerRef: hashId(event.payer.nric) }, 'payment accepted');
  console.log('payment accepted', event.payer);
}

function verify(event: PaynowEvent, signature: string): boolean {
  return createHmac('sha256', process.env.WEBHOOK_SECRET ?? '').update(event.id).digest('hex') === signature;
}

function hashId(value: string): string {
  return createHmac('sha256', process.env.ID_PEPPER ?? '').update(value).digest('hex');
}
