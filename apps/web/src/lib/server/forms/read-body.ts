import type { IncomingMessage } from 'node:http';

/** The body was bigger than allowed. */
export const TOO_LARGE = Symbol('too large');

// Past the limit the rest is read and dropped (never kept) so the client still gets a clean
// 413 instead of a reset connection; adapter-node's own BODY_SIZE_LIMIT ends that early.
const DRAIN_LIMIT = 1024 * 1024;

/** Reads at most `maxBytes` of the body into memory; anything bigger is TOO_LARGE. */
export async function readBodyCapped(
	request: Request,
	maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
	const declared = Number(request.headers.get('content-length'));
	if (declared > DRAIN_LIMIT) return TOO_LARGE;
	if (!request.body) return new Uint8Array(0);

	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > DRAIN_LIMIT) break;
			if (size <= maxBytes) chunks.push(value);
		}
	} catch (error) {
		// adapter-node ends an over-limit body with a 413 error of its own.
		if ((error as { status?: number }).status === 413) return TOO_LARGE;
		throw error;
	} finally {
		reader.releaseLock();
	}
	return size > maxBytes ? TOO_LARGE : concat(chunks, size);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
	const body = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		body.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return body;
}

/** The same for a Node request (the endpoint served from serve.js). */
export function readNodeBodyCapped(
	req: IncomingMessage,
	maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
	if (Number(req.headers['content-length']) > DRAIN_LIMIT) return Promise.resolve(TOO_LARGE);
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.byteLength;
			if (size <= maxBytes) chunks.push(chunk);
			else if (size > DRAIN_LIMIT) finish();
		};
		const finish = () => {
			req.off('data', onData).off('end', finish).off('error', reject);
			resolve(size > maxBytes ? TOO_LARGE : concat(chunks, size));
		};
		req.on('data', onData).on('end', finish).on('error', reject);
	});
}
