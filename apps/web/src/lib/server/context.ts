import { type Context, createContext, type SessionIdentity } from '@rapport/api';
import type { WebDeps } from './deps.ts';

/** The API context of one request: built the same way for the tRPC endpoint and server loads. */
export function contextFor(deps: WebDeps, session: SessionIdentity | null): Context {
	return createContext({
		db: deps.db,
		jobs: deps.jobs,
		mail: deps.mail,
		session,
		events: deps.events,
		log: deps.log,
	});
}
