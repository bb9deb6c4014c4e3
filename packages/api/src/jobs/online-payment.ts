import { z } from 'zod';

/**
 * The 'record-online-payment' payload: the business whose webhook URL received the event, and
 * the event as the provider's verified webhook described it (ProviderPaymentEvent).
 */
export const onlinePaymentJob = z.object({
	provider: z.enum(['stripe']),
	businessId: z.uuid(),
	payment: z.object({
		eventId: z.string().min(1).max(255),
		type: z.string().min(1).max(255),
		providerId: z.string().min(1).max(255),
		invoiceId: z.string().max(255).nullable(),
		businessId: z.string().max(255).nullable(),
		amountMinor: z.number().int(),
		currency: z.string().max(16),
		occurredAt: z.iso.datetime(),
	}),
});
