import { createDb } from '@rapport/db';
import { testDatabaseUrl } from '@rapport/db/testing';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type Context, createContext, type ErrorLog } from './context.ts';
import { ConflictError } from './domain/errors.ts';
import { appRouter, createCaller } from './root.ts';
import { useHarness } from './testing/harness.ts';
import { createCallerFactory, publicProcedure, router } from './trpc.ts';

const { signedIn, jobs, mail } = useHarness();

function capturingLog() {
	const entries: { details: Record<string, unknown>; message: string }[] = [];
	const log: ErrorLog = { error: (details, message) => entries.push({ details, message }) };
	return { log, entries };
}

/** A signed-in context whose database is unreachable (nothing listens on port 1). */
async function brokenContext(log: ErrorLog): Promise<Context> {
	const { business, user } = await signedIn();
	const db = createDb(testDatabaseUrl().replace(/@[^/]+\//, '@127.0.0.1:1/'));
	onTestFinished(() => db.destroy());
	return createContext({
		db,
		jobs,
		mail,
		log,
		session: { userId: user.id, businessId: business.id },
	});
}

const REF = /^Something went wrong \(ref ([0-9a-f]{12})\)$/;

describe('unexpected errors', () => {
	it('reach an HTTP client as "Something went wrong (ref …)", the real error only in the log', async () => {
		const { log, entries } = capturingLog();
		const ctx = await brokenContext(log);
		const input = encodeURIComponent(JSON.stringify({ json: { limit: 5 } }));
		const response = await fetchRequestHandler({
			endpoint: '/api/trpc',
			req: new Request(`http://localhost/api/trpc/customers.list?input=${input}`),
			router: appRouter,
			createContext: () => ctx,
		});
		expect(response.status).toBe(500);
		const body = await response.text();
		const message = (JSON.parse(body) as { error: { json: { message: string } } }).error.json
			.message;
		const ref = message.match(REF)?.[1];
		expect(ref, message).toBeDefined();
		expect(body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack|at .*\.ts/i);

		expect(entries).toHaveLength(1);
		expect(entries[0]?.details).toMatchObject({ ref, path: 'customers.list' });
		expect(String(entries[0]?.details.err)).toMatch(/ECONNREFUSED/);
	});

	it('reach a server-side caller (page loads) the same way', async () => {
		const { log, entries } = capturingLog();
		const caller = createCaller(await brokenContext(log));
		const error = await caller.settings.get().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TRPCError);
		expect((error as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
		const ref = (error as TRPCError).message.match(REF)?.[1];
		expect(ref).toBeDefined();
		expect(entries.map((e) => e.details.ref)).toEqual([ref]);
	});

	it('a procedure throwing a plain Error: same answer; domain errors keep their code', async () => {
		const { log, entries } = capturingLog();
		const testRouter = router({
			boom: publicProcedure.query(() => {
				throw new Error('relation "secret_table" does not exist');
			}),
			clash: publicProcedure.query(() => {
				throw new ConflictError('This invoice is already paid');
			}),
		});
		const ctx = createContext({ db: {} as Context['db'], jobs, mail, log, session: null });
		const call = (path: string) =>
			fetchRequestHandler({
				endpoint: '/t',
				req: new Request(`http://localhost/t/${path}`),
				router: testRouter,
				createContext: () => ctx,
			}).then((r) => r.text());

		const boom = await call('boom');
		expect(boom).not.toContain('secret_table');
		expect(boom).toMatch(/Something went wrong \(ref [0-9a-f]{12}\)/);
		expect(entries[0]?.details.err).toBeInstanceOf(Error);
		expect(boom).toContain(String(entries[0]?.details.ref));

		const clash = await call('clash');
		expect(clash).toContain('This invoice is already paid');
		expect(clash).toContain('CONFLICT');
		expect(entries).toHaveLength(1);

		const caller = createCallerFactory(testRouter)(ctx);
		await expect(caller.boom()).rejects.toThrow(REF);
	});
});
