import { appRouter } from '@rapport/api';
import type { RequestHandler } from '@sveltejs/kit';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { contextFor } from '#lib/server/context.ts';

// Unexpected errors are logged once, with the ref the client sees, by the API itself (trpc.ts).
const handler: RequestHandler = ({ request, locals }) =>
	fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: appRouter,
		createContext: () => contextFor(locals),
	});

export const GET = handler;
export const POST = handler;
