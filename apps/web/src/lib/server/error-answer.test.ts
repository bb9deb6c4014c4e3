import { reportUnexpected } from '@rapport/api';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorAnswer } from './error-answer.ts';

function capture() {
	const lines: Record<string, unknown>[] = [];
	return { lines, log: (details: Record<string, unknown>) => lines.push(details) };
}

describe('errorAnswer (handleError for pages and actions)', () => {
	it('an internal error: logged with a ref, shown only as "Something went wrong (ref …)"', () => {
		const { lines, log } = capture();
		const answer = errorAnswer(new Error('duplicate key value violates "x_pkey"'), log, '/p');
		expect(answer.status).toBeUndefined();
		expect(answer.message).toBe(`Something went wrong (ref ${answer.ref})`);
		expect(answer.message).not.toContain('duplicate');
		expect(lines).toEqual([{ ref: answer.ref, err: expect.any(Error), path: '/p' }]);
	});

	it('a procedure refusal keeps its 4xx status and its plain reason', () => {
		const { lines, log } = capture();
		const zod = z.object({ search: z.string().max(2, 'Search is too long') }).safeParse({
			search: 'abc',
		});
		const bad = new TRPCError({ code: 'BAD_REQUEST', cause: zod.error });
		expect(errorAnswer(bad, log, '/')).toEqual({ status: 400, message: 'Search is too long' });
		const missing = new TRPCError({ code: 'NOT_FOUND', message: 'Customer not found' });
		expect(errorAnswer(missing, log, '/')).toEqual({ status: 404, message: 'Customer not found' });
		expect(lines).toEqual([]);
	});

	it('an error a procedure already logged keeps that ref and is not logged twice', () => {
		const { lines, log } = capture();
		const apiLines: unknown[] = [];
		const reported = reportUnexpected({ error: (d) => apiLines.push(d) }, new Error('boom'));
		expect(errorAnswer(reported, log, '/')).toEqual({
			message: `Something went wrong (ref ${reported.ref})`,
			ref: reported.ref,
		});
		expect(lines).toEqual([]);
		expect(apiLines).toHaveLength(1);
	});
});
