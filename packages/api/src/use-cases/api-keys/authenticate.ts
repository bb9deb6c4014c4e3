import { type Database, findActiveApiKeyByHash, touchApiKey } from '@rapport/db';
import { isWellFormedApiKey } from '../../domain/api-key.ts';
import { UnauthorizedError } from '../../domain/errors.ts';
import { hashApiKey } from './hash.ts';

/** The key a request authenticated with: it names the business the request acts for. */
export interface ApiKeyIdentity {
	id: string;
	businessId: string;
	name: string;
}

export const API_KEY_REFUSED = 'Missing, wrong or revoked API key';

/**
 * The unrevoked key behind a bearer token, or UnauthorizedError. A token of the wrong shape is
 * refused without a lookup; the lookup is by hash, so the key is never compared as text.
 */
export async function authenticateApiKey(
	deps: { db: Database },
	token: string | null,
	now = new Date(),
): Promise<ApiKeyIdentity> {
	if (!token || !isWellFormedApiKey(token)) throw new UnauthorizedError(API_KEY_REFUSED);
	const key = await findActiveApiKeyByHash(deps.db, hashApiKey(token));
	if (!key) throw new UnauthorizedError(API_KEY_REFUSED);
	// "Last used" to the minute is all Settings shows; most requests skip the write.
	if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) {
		await touchApiKey(deps.db, key.id, now);
	}
	return { id: key.id, businessId: key.businessId, name: key.name };
}
