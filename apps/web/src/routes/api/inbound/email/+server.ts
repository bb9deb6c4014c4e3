import { createHash, timingSafeEqual } from 'node:crypto';
import { json, type RequestHandler } from '@sveltejs/kit';
import { inboundEmailWebhook } from '#lib/server/runtime.ts';

/** Documented limit for a raw inbound email, attachments included. */
const MAX_EMAIL_BYTES = 10 * 1024 * 1024;
const ACCEPTED_TYPES = new Set(['message/rfc822', 'text/plain', 'application/octet-stream']);

function authorized(header: string | null, secret: string): boolean {
	const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
	const expected = Buffer.from(secret);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readLimited(request: Request): Promise<Buffer | null> {
	if (Number(request.headers.get('content-length')) > MAX_EMAIL_BYTES) return null;
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of request.body ?? []) {
		size += chunk.byteLength;
		if (size > MAX_EMAIL_BYTES) return null;
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

/**
 * Raw-MIME webhook (any provider's, or a local MTA pipe). It only authenticates, bounds and
 * queues the message; the worker parses and threads it. The same email posted twice is one job
 * and one message (its content hash is the id).
 */
export const POST: RequestHandler = async ({ request }) => {
	const webhook = inboundEmailWebhook();
	if (!authorized(request.headers.get('authorization'), webhook.secret)) {
		return json({ error: 'Missing or wrong bearer secret' }, { status: 401 });
	}
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	if (!ACCEPTED_TYPES.has(type)) {
		return json({ error: 'Send the raw email with Content-Type: message/rfc822' }, { status: 415 });
	}
	const raw = await readLimited(request);
	if (!raw)
		return json(
			{ error: `The email is larger than ${MAX_EMAIL_BYTES / 1024 / 1024} MB` },
			{ status: 413 },
		);
	if (
		raw.length === 0 ||
		!/^[\x21-\x39\x3b-\x7e]+:/m.test(raw.subarray(0, 4096).toString('latin1'))
	) {
		return json(
			{ error: 'The body is not an RFC 5322 email (no header fields found)' },
			{ status: 400 },
		);
	}
	const sourceId = `email-${createHash('sha256').update(raw).digest('hex').slice(0, 40)}`;
	try {
		await webhook.jobs.enqueue(
			'ingest-inbound-email',
			{ sourceId, raw: raw.toString('base64'), receivedAt: new Date().toISOString() },
			{ jobId: sourceId },
		);
	} catch {
		return json(
			{ error: 'The queue is unavailable; nothing was stored. Retry later.' },
			{ status: 503 },
		);
	}
	return json({ id: sourceId }, { status: 202 });
};
