import type { createCaller, SessionIdentity } from '@rapport/api';

declare global {
	namespace App {
		interface Locals {
			session: SessionIdentity | null;
			user: { id: string; name: string; email: string } | null;
			/** Server-side tRPC caller for load functions; same procedures the browser calls. */
			trpc: ReturnType<typeof createCaller>;
			/** The page's language when it is not the app's English (the public invoice page). */
			lang?: string;
		}
		interface Error {
			message: string;
			/** Unexpected errors only: the id of the server log line with the real error. */
			ref?: string;
		}
	}
}
