import { z } from 'zod';
import type { FieldErrors } from './field-errors.ts';
import { multiLineText, singleLineText } from './text-input.ts';

// Keys of the automated messages API (SPEC §5.3). A key is `rapport_` + 43 base64url characters
// (32 random bytes, made with node:crypto by the create use case); only its SHA-256 is stored,
// with its first characters so Settings can tell keys apart. Nothing here does I/O: the web
// app's Settings page uses the same rules in the browser.

export const API_KEY_PREFIX = 'rapport_';
/** Random bytes in a key: 256 bits, never guessed. */
export const API_KEY_RANDOM_BYTES = 32;
const API_KEY_PATTERN = /^rapport_[A-Za-z0-9_-]{43}$/;
/** How much of a key Settings shows: the fixed prefix and four random characters. */
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 4;

/** The key made of `random` (base64url text of API_KEY_RANDOM_BYTES bytes). */
export const apiKeyOf = (random: string) => `${API_KEY_PREFIX}${random}`;

/** Shape only: a token that cannot be a key is refused without a database lookup. */
export const isWellFormedApiKey = (token: string) => API_KEY_PATTERN.test(token);

/** What Settings shows of a key ("rapport_Ab3x…"): enough to recognise it, useless to use. */
export const apiKeyDisplayPrefix = (token: string) => token.slice(0, SHOWN_PREFIX_LENGTH);

/** The token of an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(header: string | null | undefined): string | null {
	const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
	return match?.[1] ?? null;
}

export const API_KEY_NAME_MAX = 100;
export const apiKeyNameInput = z.object({
	name: singleLineText('Name', API_KEY_NAME_MAX).min(1, 'Give the key a name, e.g. Calendly'),
});

export const AUTOMATED_MESSAGE_LIMITS = {
	name: 200,
	subject: 200,
	text: 50_000,
	html: 200_000,
	idempotencyKey: 200,
	/** The whole JSON body, in bytes: more is refused with 413 before it is parsed. */
	bodyBytes: 256 * 1024,
} as const;

const L = AUTOMATED_MESSAGE_LIMITS;

/**
 * POST /api/v1/messages. `subject` becomes an email header, so CR/LF there is refused (400 with
 * a field error), never folded into the header. `html` is accepted and checked, but the email
 * is composed from `text` (see automated-messages/post.ts).
 */
export const automatedMessageInput = z.strictObject(
	{
		to: singleLineText('to', 254)
			.min(1, 'to is required')
			.pipe(z.email({ error: 'to must be an email address' }))
			.describe("The customer's email address; the customer is found by it or created."),
		name: singleLineText('name', L.name)
			.optional()
			.describe(
				"The customer's name, used when the customer is new (default: the email's local part).",
			),
		subject: singleLineText('subject', L.subject)
			.min(1, 'subject is required')
			.describe('One line: CR, LF and other control characters are refused.'),
		text: multiLineText('text', L.text)
			.refine((v) => v.trim().length > 0, 'text is required')
			.describe('The plain-text body: what the customer reads and the Messages tab shows.'),
		html: z
			.string({ error: 'html must be text' })
			.max(L.html, `html must be at most ${L.html.toLocaleString('en')} characters`)
			.optional()
			.describe(
				'Accepted for compatibility and size-checked; the email is sent from `text` in the business’s own layout.',
			),
		idempotencyKey: singleLineText('idempotencyKey', L.idempotencyKey)
			.min(1, 'idempotencyKey must not be empty')
			.optional()
			.describe(
				'The same key again (per business) answers the first message’s id; nothing is sent twice.',
			),
	},
	{ error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'Send a JSON object') },
);

export type AutomatedMessageInput = z.output<typeof automatedMessageInput>;

/** The customer's name when the caller gave none: the email's local part. */
export const nameFromEmail = (email: string) => email.slice(0, email.lastIndexOf('@')) || email;

/** The idempotency key as messages.source_id (messages_source_uq, per business). */
export const automatedMessageSourceId = (idempotencyKey: string) => `api:${idempotencyKey}`;

const REQUIRED = ['to', 'subject', 'text'] as const;

/**
 * The body checked against automatedMessageInput, with its refusals keyed by the JSON field
 * ("subject"), or "body" for the body as a whole.
 */
export function parseAutomatedMessage(
	body: unknown,
): { ok: true; value: AutomatedMessageInput } | { ok: false; fieldErrors: FieldErrors } {
	const parsed = automatedMessageInput.safeParse(body);
	if (parsed.success) return { ok: true, value: parsed.data };
	const errors: FieldErrors = {};
	const add = (key: string, message: string) => {
		errors[key] = [...(errors[key] ?? []), message];
	};
	const given =
		typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
	for (const issue of parsed.error.issues) {
		const key = issue.path.join('.') || 'body';
		if (issue.code === 'unrecognized_keys') {
			for (const k of issue.keys) add(k, `Unknown field (the fields are ${FIELDS})`);
		} else if (given && given[key] === undefined && (REQUIRED as readonly string[]).includes(key)) {
			add(key, `${key} is required`);
		} else {
			add(key, issue.message);
		}
	}
	return { ok: false, fieldErrors: errors };
}

const FIELDS = Object.keys(automatedMessageInput.shape).join(', ');

/** The request body's JSON Schema for the OpenAPI document, from the same schema. */
export const automatedMessageJsonSchema = () =>
	z.toJSONSchema(automatedMessageInput, { io: 'input', target: 'draft-2020-12' });
