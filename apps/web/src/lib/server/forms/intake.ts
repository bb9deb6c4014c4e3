import { createHash, randomUUID } from 'node:crypto';
import { allowedNextUrl, FORM_LIMITS, parseFormFields, postingOrigin } from '@rapport/api/domain';
import type { FormSubmissionJob, JobProducer } from '@rapport/api/jobs';
import { type Database, findBusinessIdByFormKey } from '@rapport/db';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { decodeBody, mediaType } from './decode-body.ts';
import type { FormKeyCache } from './form-key-cache.ts';
import type { FormRateLimiter } from './rate-limit.ts';
import { readBodyCapped, TOO_LARGE } from './read-body.ts';
import { accepted, type FormReply, problem, replyMode, toResponse } from './responses.ts';
import { createSubmissionQueue } from './submission-queue.ts';

export const THANK_YOU_PATH = '/forms/thanks';
const FORM_KEY = /^[A-Za-z0-9_-]{8,64}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const ENQUEUE_TIMEOUT_MS = 5_000;

export interface FormIntakeDeps {
	db: Database;
	/** Where form keys are looked up; straight from the database when not given. */
	formKeys?: Pick<FormKeyCache, 'businessOf'>;
	/** The producer's connection: when it is not ready, enqueueing would wait, so answer 503. */
	redis: Redis;
	jobs: JobProducer;
	limiter: FormRateLimiter;
	log?: Logger;
}

/** One submission as any HTTP server can describe it. */
export interface FormPost {
	formKey: string;
	clientAddress: string;
	header(name: string): string | null;
	/** The body, or TOO_LARGE past `maxBytes`; rejects when it cannot be read. */
	readBody(maxBytes: number): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE>;
}

export interface FormIntake {
	/** The transport-free core: what serve.js calls straight from Node's HTTP server. */
	submit(post: FormPost): Promise<FormReply>;
	/** The same for a Fetch API Request (the SvelteKit route, tests). */
	handle(request: Request, ctx: { formKey: string; clientAddress: string }): Promise<Response>;
}

/** A retried request with the same Idempotency-Key gets the same id, and so the same job. */
function submissionIdFor(businessId: string, idempotencyKey: string | null): string {
	if (!idempotencyKey) return randomUUID();
	const hash = createHash('sha256').update(`${businessId}\n${idempotencyKey}`).digest();
	hash[6] = (hash[6]! & 0x0f) | 0x80; // UUID version 8 (custom)
	hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 9562 variant
	const hex = hash.subarray(0, 16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const UNAVAILABLE = {
	status: 503,
	error: 'Submissions cannot be accepted right now. Please try again in a moment.',
	retryAfter: 5,
};

/**
 * POST /api/forms/{formKey}: validates and enqueues, nothing else. Nothing is written to the
 * database here; the queued job is the submission until the worker stores it. A 202/303 is
 * only sent once Redis has the job.
 */
export function createFormIntake(deps: FormIntakeDeps): FormIntake {
	const businessOf = deps.formKeys
		? deps.formKeys.businessOf
		: (formKey: string) => findBusinessIdByFormKey(deps.db, formKey);
	const queue = createSubmissionQueue(deps.jobs);
	async function submit({
		formKey,
		clientAddress,
		header,
		readBody,
	}: FormPost): Promise<FormReply> {
		const type = mediaType(header('content-type'));
		const mode = replyMode(header('accept'), type);
		const notFound = { status: 404, error: 'This form does not exist or its key was changed.' };
		if (!FORM_KEY.test(formKey)) return problem(mode, notFound);
		const idempotencyKey = header('idempotency-key');
		if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
			const message = 'Use 1 to 255 visible ASCII characters';
			return problem(mode, {
				status: 400,
				error: 'Invalid Idempotency-Key header.',
				fieldErrors: { 'Idempotency-Key': [message] },
			});
		}

		let businessId: string | undefined;
		let retryAfter: number | null;
		try {
			[businessId, retryAfter] = await Promise.all([
				businessOf(formKey),
				deps.limiter.consume(formKey, clientAddress),
			]);
		} catch (err) {
			deps.log?.warn({ err }, 'form endpoint: database or Redis unavailable');
			return problem(mode, UNAVAILABLE);
		}
		if (retryAfter !== null) {
			return problem(mode, {
				status: 429,
				error: `Too many submissions. Please try again in ${retryAfter} s.`,
				retryAfter,
			});
		}
		if (!businessId) return problem(mode, notFound);

		const body = await readBody(FORM_LIMITS.bodyBytes).catch(() => null);
		if (body === TOO_LARGE) {
			const error = `The submission is too large (at most ${FORM_LIMITS.bodyBytes / 1024} KB).`;
			return problem(mode, { status: 413, error });
		}
		if (body === null) return problem(mode, { status: 400, error: 'The body could not be read.' });
		const decoded = await decodeBody(body, header('content-type'));
		if (!decoded.ok) return problem(mode, decodeProblem(decoded));

		const parsed = parseFormFields(decoded.entries);
		const thanks = () => {
			const next = parsed.ok ? parsed.form.next : null;
			const origin = postingOrigin({
				origin: header('origin'),
				referer: header('referer'),
			});
			return allowedNextUrl(next, origin) ?? THANK_YOU_PATH;
		};
		// A filled honeypot looks like success to the bot; nothing is queued or stored.
		if (parsed.honeypot) return accepted(mode, randomUUID(), thanks());
		if (!parsed.ok) {
			return problem(mode, {
				status: 400,
				error: 'Please correct the highlighted fields.',
				fieldErrors: parsed.fieldErrors,
			});
		}

		const submissionId = submissionIdFor(businessId, idempotencyKey);
		const job: FormSubmissionJob = {
			...parsed.form.data,
			businessId,
			submissionId,
			acceptedAt: new Date().toISOString(),
		};
		// enableOfflineQueue is off, but BullMQ still waits for a connection it never had.
		if (deps.redis.status !== 'ready') return problem(mode, UNAVAILABLE);
		try {
			await withTimeout(queue.add(job), ENQUEUE_TIMEOUT_MS);
		} catch (err) {
			deps.log?.error({ err }, 'form endpoint: could not enqueue a submission');
			return problem(mode, UNAVAILABLE);
		}
		return accepted(mode, submissionId, thanks());
	}
	return {
		submit,
		handle: async (request, { formKey, clientAddress }) =>
			toResponse(
				await submit({
					formKey,
					clientAddress,
					header: (name) => request.headers.get(name),
					readBody: (maxBytes) => readBodyCapped(request, maxBytes),
				}),
			),
	};
}

function decodeProblem(failure: Exclude<Awaited<ReturnType<typeof decodeBody>>, { ok: true }>) {
	switch (failure.kind) {
		case 'unsupported-type':
			return {
				status: 415,
				error:
					'Send the form as application/x-www-form-urlencoded, multipart/form-data or application/json.',
			};
		case 'invalid-utf8':
			return {
				status: 400,
				error: 'The submission is not valid UTF-8.',
				fieldErrors: { form: ['The submission is not valid UTF-8.'] },
			};
		case 'malformed':
			return { status: 400, error: failure.detail, fieldErrors: { form: [failure.detail] } };
	}
}
