import { createHash } from 'node:crypto';

/** What api_keys.token_hash holds: the SHA-256 (hex) of the whole key, never the key. */
export const hashApiKey = (token: string) => createHash('sha256').update(token).digest('hex');
