/**
 * What the worker lets the MIME parser work on. Real mail stays far below these (a long
 * Received chain is ~100 header fields; a rich newsletter a few dozen parts); a MIME bomb does
 * not, and is held unparsed instead of eating the worker.
 */
export const RAW_EMAIL_LIMITS = {
	/** Header fields of the message itself. */
	headers: 1_000,
	/** Boundary delimiter lines (about one per part). */
	boundaryLines: 1_000,
	/** Declared multipart boundaries: an upper bound of the nesting depth. */
	multiparts: 100,
	/** What is kept of a message that could not be read. */
	keptRawBytes: 1024 * 1024,
} as const;

/** The routing and display headers of a raw message, read without a MIME parser. */
export interface RawEmailScan {
	/** Lower-cased header name → unfolded values, for the headers routing and display use. */
	headers: Map<string, string[]>;
	headerCount: number;
	boundaryLines: number;
	multiparts: number;
}

const KEPT_HEADERS = new Set([
	'from',
	'to',
	'cc',
	'delivered-to',
	'x-original-to',
	'subject',
	'in-reply-to',
	'references',
	'message-id',
]);

/**
 * One pass over the raw text (latin1: every byte is one character, nothing can fail to decode).
 * Linear in the size, which the endpoint already caps.
 */
export function scanRawEmail(raw: Buffer): RawEmailScan {
	const text = raw.toString('latin1');
	const headEnd = text.search(/\r?\n\r?\n/);
	const head = headEnd >= 0 ? text.slice(0, headEnd) : text;
	const headers = new Map<string, string[]>();
	let headerCount = 0;
	let current: { name: string; value: string } | null = null;
	const flush = () => {
		if (!current || !KEPT_HEADERS.has(current.name)) return;
		headers.set(current.name, [...(headers.get(current.name) ?? []), current.value.trim()]);
	};
	for (const line of head.split(/\r?\n/)) {
		if (/^[ \t]/.test(line) && current) {
			current.value += ` ${line.trim()}`;
			continue;
		}
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		flush();
		headerCount++;
		current = { name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1) };
	}
	flush();

	const boundaries = new Set<string>();
	for (const match of text.matchAll(/boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi)) {
		boundaries.add(match[1] ?? match[2]!);
	}
	let boundaryLines = 0;
	if (boundaries.size) {
		for (const match of text.matchAll(/^--([^\r\n]{1,204})/gm)) {
			const candidate = match[1]!.replace(/\s+$/, '').replace(/--$/, '');
			if (boundaries.has(candidate)) boundaryLines++;
		}
	}
	return { headers, headerCount, boundaryLines, multiparts: boundaries.size };
}

/** Why the parser must not see this message, or null when it may. */
export function rawEmailOverLimit(scan: RawEmailScan): string | null {
	if (scan.headerCount > RAW_EMAIL_LIMITS.headers)
		return `it has ${scan.headerCount} header fields (at most ${RAW_EMAIL_LIMITS.headers} are read)`;
	if (scan.multiparts > RAW_EMAIL_LIMITS.multiparts)
		return `it nests ${scan.multiparts} multipart sections (at most ${RAW_EMAIL_LIMITS.multiparts} are read)`;
	if (scan.boundaryLines > RAW_EMAIL_LIMITS.boundaryLines)
		return `it has about ${scan.boundaryLines} parts (at most ${RAW_EMAIL_LIMITS.boundaryLines} are read)`;
	return null;
}

/** Every address in header values ("Ada <ada@x.test>, b@y.test"), lower-cased. */
export function addressesInHeaders(values: string[]): string[] {
	return values.flatMap((value) =>
		[...value.matchAll(/[^\s<>,;:"'()[\]]+@[^\s<>,;:"'()[\]]+/g)].map((m) => m[0].toLowerCase()),
	);
}
