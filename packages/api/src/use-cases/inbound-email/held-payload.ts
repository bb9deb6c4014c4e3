import { z } from 'zod';

/**
 * A parsed email as held in email_quarantine.payload (and inbound_unroutable.payload), stored
 * on release. Parsed, never cast: rows written by older versions carry extra keys (stripped).
 */
export const heldEmailPayload = z.object({
	subject: z.string().nullable(),
	body: z.string(),
	bodyFull: z.string(),
	senderName: z.string().nullable(),
	senderEmail: z.string().nullable(),
	rfcMessageId: z.string().nullable(),
	inReplyTo: z.string().nullable(),
	attachments: z.array(
		z.object({ filename: z.string(), size: z.number(), contentType: z.string() }),
	),
	receivedAt: z.iso.datetime({ offset: true }),
});

export type HeldEmailPayload = z.infer<typeof heldEmailPayload>;
