import { describe, expect, it } from 'vitest';
import { FORM_LIMITS, parseFormFields } from './form-submission.ts';

const parse = (pairs: Record<string, string> | [string, string][]) =>
	parseFormFields(Array.isArray(pairs) ? pairs : Object.entries(pairs));

describe('parseFormFields', () => {
	it('splits known fields, keeps every field as sent, and reads the controls', () => {
		const result = parse({
			name: ' Ada ',
			email: ' Ada@Example.com ',
			phone: '+44 20 7946 0018',
			message: 'Hello',
			budget: '1000',
			_gotcha: '',
			_next: 'https://shop.example/thanks',
			_started: '1700000000000',
		});
		expect(result).toEqual({
			ok: true,
			honeypot: false,
			form: {
				data: {
					email: 'Ada@Example.com',
					name: 'Ada',
					phone: '+44 20 7946 0018',
					message: 'Hello',
					fields: [
						{ name: 'name', value: ' Ada ' },
						{ name: 'email', value: ' Ada@Example.com ' },
						{ name: 'phone', value: '+44 20 7946 0018' },
						{ name: 'message', value: 'Hello' },
						{ name: 'budget', value: '1000' },
					],
					startedAt: 1700000000000,
				},
				next: 'https://shop.example/thanks',
			},
		});
	});

	it('keeps names as sent, in submission order, every value of a repeated name, and no blanks', () => {
		const result = parse([
			['colour_scheme', 'green'],
			['email', 'a@b.co'],
			['how_did_you_hear', 'A friend'],
			['topic', 'cut'],
			['zeta', 'z'],
			['topic', 'colour'],
			['alpha', 'a'],
			['name', '   '],
			['empty', ''],
			['Mixed Case-Name', 'kept'],
		]);
		expect(result.ok && result.form.data).toMatchObject({
			name: null,
			phone: null,
			message: null,
			fields: [
				{ name: 'colour_scheme', value: 'green' },
				{ name: 'email', value: 'a@b.co' },
				{ name: 'how_did_you_hear', value: 'A friend' },
				{ name: 'topic', value: 'cut' },
				{ name: 'zeta', value: 'z' },
				{ name: 'topic', value: 'colour' },
				{ name: 'alpha', value: 'a' },
				{ name: 'Mixed Case-Name', value: 'kept' },
			],
		});
	});

	it('reads a known field sent twice as its values joined', () => {
		const result = parse([
			['email', 'a@b.co'],
			['message', 'one'],
			['message', 'two'],
		]);
		expect(result.ok && result.form.data.message).toBe('one, two');
		expect(
			parse([
				['email', 'a@b.co'],
				['email', 'c@d.co'],
			]).ok,
		).toBe(false);
	});

	it.each([
		[{}, 'Email is required'],
		[{ email: '  ' }, 'Email is required'],
		[{ email: 'not-an-email' }, 'Enter a valid email address'],
		[{ email: `${'a'.repeat(250)}@b.co` }, 'Email must be at most 254 characters'],
	])('rejects %j with a message on email', (fields, message) => {
		const result = parse(fields);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.fieldErrors.email).toEqual([message]);
	});

	it('limits every field', () => {
		const result = parse({
			email: 'a@b.co',
			name: 'n'.repeat(FORM_LIMITS.name + 1),
			message: 'm'.repeat(FORM_LIMITS.message + 1),
			notes: 'x'.repeat(FORM_LIMITS.fieldValue + 1),
		});
		expect(!result.ok && result.fieldErrors).toEqual({
			name: ['Name must be at most 200 characters'],
			message: ['Message must be at most 10000 characters'],
			notes: ['notes must be at most 5000 characters'],
		});
		const many = Object.fromEntries(
			Array.from({ length: FORM_LIMITS.fields + 1 }, (_, i) => [`f${i}`, 'x']),
		);
		expect(!parse({ ...many, email: 'a@b.co' }).ok).toBe(true);
		const boxes = Array.from({ length: FORM_LIMITS.values }, (_, i): [string, string] => [
			'box',
			`${i}`,
		]);
		expect(parse([['email', 'a@b.co'], ...boxes]).ok).toBe(false);
		expect(parse([['email', 'a@b.co'], ...boxes.slice(1)]).ok).toBe(true);
	});

	it('reports a filled honeypot even when the rest is invalid', () => {
		expect(parse({ _gotcha: 'http://spam' })).toMatchObject({ ok: false, honeypot: true });
		expect(parse({ email: 'a@b.co', _gotcha: 'x' })).toMatchObject({ ok: true, honeypot: true });
	});

	it('keeps markup and CR/LF as plain text, drops NUL and lone surrogates', () => {
		const result = parse({
			email: 'a@b.co',
			name: 'Eve\r\nBcc: x@y.z',
			message: '<script>alert(1)</script>\u0000',
			odd: '\ud800x',
		});
		expect(result.ok && result.form.data).toMatchObject({
			name: 'Eve\r\nBcc: x@y.z',
			message: '<script>alert(1)</script>',
			fields: expect.arrayContaining([{ name: 'odd', value: '\ufffdx' }]),
		});
	});

	it('ignores a _started that is not a plain number', () => {
		const result = parse({ email: 'a@b.co', _started: 'yesterday' });
		expect(result.ok && result.form.data.startedAt).toBeNull();
	});
});
