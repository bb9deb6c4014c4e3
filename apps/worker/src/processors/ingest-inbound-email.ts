import { stripQuotedHistory, threadingKeys } from '@rapport/api/domain';
import type { PublishCustomerEvents } from '@rapport/api/events';
import {
	type ConversationRef,
	type Database,
	findBusinessesByEmail,
	findConversationByMessageIds,
	findConversationByReplyToken,
	findCustomerByEmail,
	insertCustomer,
	insertInboundEmail,
	isUniqueViolation,
	quarantineEmail,
	touchCustomer,
} from '@rapport/db';
import { type AddressObject, simpleParser } from 'mailparser';
import type { Logger } from 'pino';

export interface InboundEmailDeps {
	db: Database;
	log: Logger;
	publish?: PublishCustomerEvents;
}

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
	(Array.isArray(field) ? field : field ? [field] : [])
		.flatMap((a) => a.value.map((v) => v.address ?? ''))
		.filter(Boolean);

async function customerFor(db: Database, businessId: string, email: string, name: string | null) {
	const existing = await findCustomerByEmail(db, businessId, email);
	if (existing) return existing.id;
	try {
		return (await insertCustomer(db, businessId, { name: name || email, email })).id;
	} catch (error) {
		// Created by a concurrent job a moment ago: use that one.
		if (!isUniqueViolation(error)) throw error;
		return (await findCustomerByEmail(db, businessId, email))!.id;
	}
}

/**
 * Parses an inbound email and appends it to the right conversation: by the reply+token address,
 * else by In-Reply-To/References to an email we sent, else by the sender within the business it
 * was addressed to. An unknown sender creates a customer only where the business allows it;
 * otherwise the email waits in quarantine. Idempotent per source id.
 */
export async function ingestInboundEmail(
	payload: { sourceId: string; raw: string; receivedAt: string },
	deps: InboundEmailDeps,
) {
	const mail = await simpleParser(Buffer.from(payload.raw, 'base64'));
	const from = addressesOf(mail.from)[0]?.toLowerCase();
	if (!from) return { dropped: 'no sender' };
	const senderName = (Array.isArray(mail.from) ? mail.from[0] : mail.from)?.value[0]?.name || null;
	const headerAddresses = ['delivered-to', 'x-original-to']
		.map((h) => mail.headers.get(h))
		.flatMap((v) =>
			typeof v === 'string'
				? [v]
				: v && typeof v === 'object' && 'text' in v
					? [String(v.text)]
					: [],
		);
	const recipients = [...addressesOf(mail.to), ...addressesOf(mail.cc), ...headerAddresses];
	const keys = threadingKeys({
		recipients,
		inReplyTo: mail.inReplyTo,
		references: mail.references,
	});

	let ref: ConversationRef | undefined =
		(keys.replyToken && (await findConversationByReplyToken(deps.db, keys.replyToken))) ||
		(await findConversationByMessageIds(deps.db, keys.referencedIds));
	const text = mail.text ?? '';
	const row = {
		sourceId: payload.sourceId,
		subject: mail.subject?.replace(/[\r\n]+/g, ' ') ?? null,
		body: stripQuotedHistory(text),
		bodyFull: text,
		senderName,
		senderEmail: from,
		rfcMessageId: mail.messageId ?? null,
		inReplyTo: mail.inReplyTo ?? null,
		attachments: mail.attachments.map((a) => ({
			filename: a.filename ?? 'attachment',
			size: a.size,
			contentType: a.contentType,
		})),
		receivedAt: new Date(payload.receivedAt),
	};

	if (!ref) {
		const [business] = await findBusinessesByEmail(deps.db, recipients);
		if (!business) return { dropped: 'no business addressed' };
		const known = await findCustomerByEmail(deps.db, business.id, from);
		if (known) ref = { businessId: business.id, customerId: known.id };
		else if (business.acceptUnknownSenders) {
			ref = {
				businessId: business.id,
				customerId: await customerFor(deps.db, business.id, from, senderName),
			};
		} else {
			await quarantineEmail(deps.db, business.id, {
				sourceId: payload.sourceId,
				senderName,
				senderEmail: from,
				subject: row.subject,
				payload: { ...row, receivedAt: payload.receivedAt },
			});
			return { quarantined: true };
		}
	}

	const conversation = ref;
	const id = await deps.db.transaction().execute(async (trx) => {
		const inserted = await insertInboundEmail(trx, conversation, row);
		if (inserted)
			await touchCustomer(trx, conversation.businessId, conversation.customerId, row.receivedAt);
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
