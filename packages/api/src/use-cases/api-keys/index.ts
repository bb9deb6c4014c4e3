export {
	API_KEY_REFUSED,
	type ApiKeyIdentity,
	authenticateApiKey,
} from './authenticate.ts';
export { createApiKey } from './create.ts';
export { hashApiKey } from './hash.ts';
export { listBusinessApiKeys } from './list.ts';
export { revokeBusinessApiKey } from './revoke.ts';
