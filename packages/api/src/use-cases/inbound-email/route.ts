import {
	type ConversationRef,
	type Executor,
	findBusinessByInboundLocalPart,
	findBusinessByVerifiedEmail,
	findConversationByMessageIds,
	findConversationByReplyToken,
} from '@rapport/db';
import { inboundLocalPartsIn, threadingKeys } from '../../domain/inbound-email.ts';

export interface RoutingHeaders {
	recipients: string[];
	inReplyTo: string | null;
	references: string[];
}

export type Route =
	| { kind: 'conversation'; conversation: ConversationRef }
	| { kind: 'business'; business: { id: string; acceptUnknownSenders: boolean } };

/**
 * Where an inbound email belongs, strongest proof first: the reply+token address, then a
 * Message-ID we sent (In-Reply-To/References), then an address the business provably owns —
 * its issued inbound address, or its business email once verified. Nothing else: a business
 * email someone merely typed routes nothing.
 */
export async function routeInboundEmail(
	db: Executor,
	inboundDomain: string,
	headers: RoutingHeaders,
): Promise<Route | null> {
	const keys = threadingKeys(headers);
	const conversation =
		(keys.replyToken && (await findConversationByReplyToken(db, keys.replyToken))) ||
		(await findConversationByMessageIds(db, keys.referencedIds));
	if (conversation) return { kind: 'conversation', conversation };
	const business =
		(await findBusinessByInboundLocalPart(
			db,
			inboundLocalPartsIn(headers.recipients, inboundDomain),
		)) ?? (await findBusinessByVerifiedEmail(db, headers.recipients));
	return business ? { kind: 'business', business } : null;
}
