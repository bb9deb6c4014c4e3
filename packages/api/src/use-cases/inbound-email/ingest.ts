import type { HeldEmailReason } from '@rapport/db';
import {
	type ConversationRef,
	findCustomerByEmail,
	findOrInsertCustomerByEmail,
	insertInboundEmail,
	insertUnroutableEmail,
	isUnverifiedBusinessEmail,
	quarantineEmail,
	touchCustomer,
} from '@rapport/db';
import { RAW_EMAIL_LIMITS } from '../../domain/raw-email.ts';
import type { InboundEmailDeps } from './deps.ts';
import type { HeldEmailPayload } from './held-payload.ts';
import { type ParsedEmail, parseInboundEmail } from './parse-email.ts';
import { routeInboundEmail } from './route.ts';

export interface InboundEmailInput {
	/** Content hash given by the endpoint: the same email delivered twice is one. */
	sourceId: string;
	raw: Buffer;
	receivedAt: Date;
}

export type IngestResult =
	| { messageId: string | null; duplicate: boolean }
	| { quarantined: true; reason: HeldEmailReason; businessId: string }
	| { unroutable: 'no-business' | 'unverified-address' | 'unreadable' };

const capped = (text: string) => text.slice(0, RAW_EMAIL_LIMITS.keptRawBytes);

/**
 * Takes one inbound email and stores it, holds it (with the reason) or keeps it as unroutable:
 * never drops it. Parsed mail joins the conversation its route names, or the sender's customer
 * within the business it was addressed to; an unknown sender becomes a customer only where the
 * business allows it. Idempotent per source id, so the job may run any number of times.
 */
export async function ingestInboundEmail(
	deps: InboundEmailDeps,
	input: InboundEmailInput,
): Promise<IngestResult> {
	const parsed = await parseInboundEmail(input.raw);
	if (!parsed.ok) {
		const email = parsed.email;
		const route = await routeInboundEmail(deps.db, deps.inboundDomain, email);
		const held = {
			sourceId: input.sourceId,
			senderName: null,
			senderEmail: email.senderEmail,
			subject: email.subject,
			reasonDetail: email.reason,
			payload: null,
			raw: email.raw,
		};
		if (!route) {
			await insertUnroutableEmail(deps.db, {
				...held,
				recipients: email.recipients,
				reason: 'unreadable',
			});
			deps.log?.warn(
				{ sourceId: input.sourceId, reason: email.reason },
				'unreadable inbound email routes nowhere',
			);
			return { unroutable: 'unreadable' };
		}
		const businessId =
			route.kind === 'conversation' ? route.conversation.businessId : route.business.id;
		await quarantineEmail(deps.db, businessId, { ...held, reason: 'unreadable' });
		deps.log?.warn(
			{ sourceId: input.sourceId, businessId, reason: email.reason },
			'inbound email held unread',
		);
		return { quarantined: true, reason: 'unreadable', businessId };
	}

	const email = parsed.email;
	const payload: HeldEmailPayload = {
		subject: email.subject,
		body: email.body,
		bodyFull: email.bodyFull,
		senderName: email.senderName,
		senderEmail: email.senderEmail,
		rfcMessageId: email.rfcMessageId,
		inReplyTo: email.inReplyTo,
		attachments: email.attachments,
		receivedAt: input.receivedAt.toISOString(),
	};
	const route = await routeInboundEmail(deps.db, deps.inboundDomain, email);
	if (!route) {
		const reason = (await isUnverifiedBusinessEmail(deps.db, email.recipients))
			? 'unverified-address'
			: 'no-business';
		await insertUnroutableEmail(deps.db, {
			sourceId: input.sourceId,
			recipients: email.recipients,
			senderName: email.senderName,
			senderEmail: email.senderEmail,
			subject: email.subject,
			reason,
			reasonDetail: null,
			payload: { ...payload, body: capped(payload.body), bodyFull: capped(payload.bodyFull) },
			raw: null,
		});
		deps.log?.info({ sourceId: input.sourceId, reason }, 'inbound email routes to no business');
		return { unroutable: reason };
	}

	let conversation: ConversationRef;
	if (route.kind === 'conversation') {
		conversation = route.conversation;
	} else {
		const business = route.business;
		const hold = async (reason: HeldEmailReason) => {
			await quarantineEmail(deps.db, business.id, {
				sourceId: input.sourceId,
				senderName: email.senderName,
				senderEmail: email.senderEmail,
				subject: email.subject,
				reason,
				payload,
			});
			return { quarantined: true as const, reason, businessId: business.id };
		};
		if (!email.senderEmail) return hold('no-sender');
		const known = await findCustomerByEmail(deps.db, business.id, email.senderEmail);
		if (known) conversation = { businessId: business.id, customerId: known.id };
		else if (business.acceptUnknownSenders) {
			const customer = await findOrInsertCustomerByEmail(
				deps.db,
				business.id,
				email.senderEmail,
				email.senderName,
			);
			conversation = { businessId: business.id, customerId: customer.id };
		} else return hold('unknown-sender');
	}
	return storeInboundEmail(deps, conversation, input.sourceId, email, input.receivedAt);
}

async function storeInboundEmail(
	deps: InboundEmailDeps,
	conversation: ConversationRef,
	sourceId: string,
	email: ParsedEmail,
	receivedAt: Date,
) {
	const id = await deps.db.transaction().execute(async (trx) => {
		const inserted = await insertInboundEmail(trx, conversation, {
			sourceId,
			subject: email.subject,
			body: email.body,
			bodyFull: email.bodyFull,
			senderName: email.senderName,
			senderEmail: email.senderEmail,
			rfcMessageId: email.rfcMessageId,
			inReplyTo: email.inReplyTo,
			attachments: email.attachments,
			receivedAt,
		});
		if (inserted)
			await touchCustomer(trx, conversation.businessId, conversation.customerId, receivedAt);
		return inserted;
	});
	if (id)
		await deps
			.publish?.(conversation.businessId, [
				{ customerId: conversation.customerId, kind: 'message' },
			])
			.catch(() => undefined);
	return { messageId: id, duplicate: !id };
}
