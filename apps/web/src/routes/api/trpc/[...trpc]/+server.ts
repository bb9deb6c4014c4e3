import { appRouter, createContext } from '@rapport/api';
import type { RequestHandler } from '@sveltejs/kit';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

const handler: RequestHandler = ({ request, locals }) =>
	fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: appRouter,
		createContext: () =>
			createContext({
				db: locals.deps.db,
				jobs: locals.deps.jobs,
				mail: locals.deps.mail,
				session: locals.session,
				events: locals.deps.events,
			}),
		onError: ({ error, path }) => {
			if (error.code === 'INTERNAL_SERVER_ERROR') {
				locals.deps.log.error({ err: error.cause ?? error, path }, 'trpc error');
			}
		},
	});

export const GET = handler;
export const POST = handler;
