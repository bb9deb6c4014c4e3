/** Why a body could not be turned into fields. */
export type DecodeFailure =
	| { kind: 'unsupported-type' }
	| { kind: 'invalid-utf8' }
	| { kind: 'malformed'; detail: string };

export type DecodeResult =
	| { ok: true; entries: [string, string][] }
	| ({ ok: false } & DecodeFailure);

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array<ArrayBuffer>): string | null {
	try {
		return utf8.decode(bytes);
	} catch {
		return null;
	}
}

/** application/x-www-form-urlencoded, strictly: a %-escape that is not UTF-8 is an error. */
function decodeUrlEncoded(bytes: Uint8Array<ArrayBuffer>): DecodeResult {
	const text = decodeUtf8(bytes);
	if (text === null) return { ok: false, kind: 'invalid-utf8' };
	const entries: [string, string][] = [];
	for (const pair of text.split('&')) {
		if (!pair) continue;
		const eq = pair.indexOf('=');
		const [name, value] = eq === -1 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
		try {
			const decode = (s: string) => decodeURIComponent(s.replaceAll('+', ' '));
			entries.push([decode(name), decode(value)]);
		} catch {
			return { ok: false, kind: 'invalid-utf8' };
		}
	}
	return { ok: true, entries };
}

function decodeJson(bytes: Uint8Array<ArrayBuffer>): DecodeResult {
	const text = decodeUtf8(bytes);
	if (text === null) return { ok: false, kind: 'invalid-utf8' };
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { ok: false, kind: 'malformed', detail: 'The body is not valid JSON.' };
	}
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		return { ok: false, kind: 'malformed', detail: 'Send the fields as one JSON object.' };
	}
	const entries: [string, string][] = [];
	for (const [name, value] of Object.entries(data)) {
		const values = Array.isArray(value) ? value : [value];
		for (const item of values) {
			if (item !== null && typeof item === 'object') {
				return { ok: false, kind: 'malformed', detail: `Field "${name}" must be text.` };
			}
			entries.push([name, item === null ? '' : String(item)]);
		}
	}
	return { ok: true, entries };
}

/** Files are not accepted: they are skipped, the text fields kept. */
async function decodeMultipart(
	bytes: Uint8Array<ArrayBuffer>,
	contentType: string,
): Promise<DecodeResult> {
	let form: FormData;
	try {
		form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
	} catch {
		return { ok: false, kind: 'malformed', detail: 'The multipart body could not be read.' };
	}
	const entries: [string, string][] = [];
	let hasFiles = false;
	for (const [name, value] of form) {
		if (typeof value === 'string') entries.push([name, value]);
		else hasFiles = true;
	}
	// The parser replaces bad bytes silently; with no binary parts the whole body must be UTF-8.
	if (!hasFiles && decodeUtf8(bytes) === null) return { ok: false, kind: 'invalid-utf8' };
	return { ok: true, entries };
}

export function mediaType(contentType: string | null): string {
	return contentType?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/** Name/value pairs from a body in any of the three encodings a contact form may use. */
export async function decodeBody(
	bytes: Uint8Array<ArrayBuffer>,
	contentType: string | null,
): Promise<DecodeResult> {
	switch (mediaType(contentType)) {
		case 'application/x-www-form-urlencoded':
			return decodeUrlEncoded(bytes);
		case 'application/json':
			return decodeJson(bytes);
		case 'multipart/form-data':
			return decodeMultipart(bytes, contentType ?? '');
		default:
			return { ok: false, kind: 'unsupported-type' };
	}
}
