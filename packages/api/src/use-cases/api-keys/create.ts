import { randomBytes } from 'node:crypto';
import { type Database, insertApiKey } from '@rapport/db';
import { API_KEY_RANDOM_BYTES, apiKeyDisplayPrefix, apiKeyOf } from '../../domain/api-key.ts';
import type { Actor } from '../actor.ts';
import { hashApiKey } from './hash.ts';

/**
 * A new key for the automated messages API. The key itself is in this answer only: the row
 * keeps its SHA-256 and the first characters, so a database leak gives no working key.
 * `name` comes checked by apiKeyNameInput.
 */
export async function createApiKey(deps: { db: Database }, actor: Actor, input: { name: string }) {
	const key = apiKeyOf(randomBytes(API_KEY_RANDOM_BYTES).toString('base64url'));
	const row = await insertApiKey(deps.db, actor.businessId, {
		name: input.name,
		tokenHash: hashApiKey(key),
		tokenPrefix: apiKeyDisplayPrefix(key),
		createdBy: actor.userId,
	});
	return { ...row, key };
}
