import { describe, expect, it } from 'vitest';
import {
	AUTOMATED_MESSAGE_LIMITS,
	apiKeyDisplayPrefix,
	apiKeyNameInput,
	apiKeyOf,
	automatedMessageJsonSchema,
	automatedMessageSourceId,
	bearerToken,
	isWellFormedApiKey,
	nameFromEmail,
	parseAutomatedMessage,
} from './api-key.ts';

const random = `${'A'.repeat(20)}-_bcdefghij0123456789xy`;
const key = apiKeyOf(random);
const valid = { to: 'Ada@Example.test', subject: 'Booking confirmed', text: 'See you at 10:00.' };

describe('API keys', () => {
	it('a key is rapport_ and 43 base64url characters; Settings shows only its start', () => {
		expect(random).toHaveLength(43);
		expect(isWellFormedApiKey(key)).toBe(true);
		expect(isWellFormedApiKey(`${key}x`)).toBe(false);
		expect(isWellFormedApiKey(key.replace('rapport_', 'other_'))).toBe(false);
		expect(isWellFormedApiKey(`${key.slice(0, -1)}=`)).toBe(false);
		expect(apiKeyDisplayPrefix(key)).toBe('rapport_AAAA');
	});

	it('reads the bearer token, case-insensitively, and nothing else', () => {
		expect(bearerToken(`Bearer ${key}`)).toBe(key);
		expect(bearerToken(`bearer  ${key} `)).toBe(key);
		expect(bearerToken(`Basic ${key}`)).toBeNull();
		expect(bearerToken(`Bearer ${key} extra`)).toBeNull();
		expect(bearerToken('Bearer')).toBeNull();
		expect(bearerToken(null)).toBeNull();
	});

	it('a key needs a one-line name of at most 100 characters', () => {
		expect(apiKeyNameInput.parse({ name: '  Calendly ' })).toEqual({ name: 'Calendly' });
		expect(apiKeyNameInput.safeParse({ name: ' ' }).success).toBe(false);
		expect(apiKeyNameInput.safeParse({ name: 'a\nb' }).success).toBe(false);
		expect(apiKeyNameInput.safeParse({ name: 'x'.repeat(101) }).success).toBe(false);
	});
});

describe('automated message body', () => {
	it('accepts the documented fields and normalises line endings in text', () => {
		const parsed = parseAutomatedMessage({
			...valid,
			text: 'Line 1\r\nLine 2',
			name: 'Ada',
			html: '<p>x</p>',
			idempotencyKey: 'booking-42',
		});
		expect(parsed).toEqual({
			ok: true,
			value: {
				...valid,
				text: 'Line 1\nLine 2',
				name: 'Ada',
				html: '<p>x</p>',
				idempotencyKey: 'booking-42',
			},
		});
	});

	it('refuses CR/LF in the subject with a field error, never folding it into a header', () => {
		const parsed = parseAutomatedMessage({ ...valid, subject: 'Hi\r\nBcc: all@example.test' });
		expect(parsed).toEqual({
			ok: false,
			fieldErrors: { subject: [expect.stringMatching(/single line/)] },
		});
	});

	it('names each missing, wrong or unknown field', () => {
		expect(parseAutomatedMessage({})).toEqual({
			ok: false,
			fieldErrors: {
				to: ['to is required'],
				subject: ['subject is required'],
				text: ['text is required'],
			},
		});
		const wrong = parseAutomatedMessage({ ...valid, to: 'not-an-email', body: 'x', text: ' ' });
		expect(wrong.ok).toBe(false);
		if (wrong.ok) return;
		expect(wrong.fieldErrors).toEqual({
			to: ['to must be an email address'],
			text: ['text is required'],
			body: [expect.stringMatching(/^Unknown field/)],
		});
		for (const body of [null, [], 'text', 42]) {
			expect(parseAutomatedMessage(body)).toEqual({
				ok: false,
				fieldErrors: { body: ['Send a JSON object'] },
			});
		}
	});

	it('caps every field', () => {
		const L = AUTOMATED_MESSAGE_LIMITS;
		const over = {
			subject: 'x'.repeat(L.subject + 1),
			text: 'x'.repeat(L.text + 1),
			html: 'x'.repeat(L.html + 1),
			name: 'x'.repeat(L.name + 1),
			idempotencyKey: 'x'.repeat(L.idempotencyKey + 1),
		};
		for (const [field, value] of Object.entries(over)) {
			const parsed = parseAutomatedMessage({ ...valid, [field]: value });
			expect(parsed.ok ? [] : Object.keys(parsed.fieldErrors)).toEqual([field]);
		}
		expect(parseAutomatedMessage({ ...valid, text: 'x'.repeat(L.text) }).ok).toBe(true);
	});

	it('a new customer without a name is called by the email local part; keys map to source ids', () => {
		expect(nameFromEmail('ada.lovelace@example.test')).toBe('ada.lovelace');
		expect(automatedMessageSourceId('booking-42')).toBe('api:booking-42');
	});

	it('the OpenAPI request schema comes from the same zod schema', () => {
		const schema = automatedMessageJsonSchema() as {
			required: string[];
			additionalProperties: boolean;
			properties: Record<string, { maxLength?: number }>;
		};
		expect(schema.required).toEqual(['to', 'subject', 'text']);
		expect(schema.additionalProperties).toBe(false);
		expect(schema.properties.subject?.maxLength).toBe(200);
		expect(schema.properties.text?.maxLength).toBe(50_000);
		expect(Object.keys(schema.properties)).toEqual([
			'to',
			'name',
			'subject',
			'text',
			'html',
			'idempotencyKey',
		]);
	});
});
