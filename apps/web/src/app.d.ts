import type { createCaller, SessionIdentity } from '@rapport/api';
import type { WebDeps } from '#lib/server/deps.ts';

declare global {
	namespace App {
		interface Locals {
			deps: WebDeps;
			session: SessionIdentity | null;
			user: { id: string; name: string; email: string } | null;
			/** Server-side tRPC caller for load functions; same procedures the browser calls. */
			trpc: ReturnType<typeof createCaller>;
		}
		interface Error {
			message: string;
			/** Unexpected errors only: the id of the server log line with the real error. */
			ref?: string;
		}
	}
}
