import { z } from 'zod';
import { cleanText } from './clean-text.ts';
import type { FieldErrors } from './field-errors.ts';
import { type FormField, formField } from './form-fields.ts';

/** What one contact-form submission may carry. The endpoint also caps the raw body. */
export const FORM_LIMITS = {
	bodyBytes: 64 * 1024,
	name: 200,
	email: 254,
	phone: 50,
	message: 10_000,
	fieldName: 100,
	fieldValue: 5_000,
	/** Distinct field names. */
	fields: 50,
	/** Submitted values in all (a checkbox group sends one per ticked box). */
	values: 200,
} as const;

const text = (max: number, label: string) =>
	z.string().max(max, `${label} must be at most ${max} characters`);

/** A submission after validation: what the endpoint queues and the worker stores. */
export const formSubmissionData = z.object({
	email: text(FORM_LIMITS.email, 'Email')
		.trim()
		.min(1, 'Email is required')
		.pipe(z.email('Enter a valid email address')),
	name: text(FORM_LIMITS.name, 'Name').nullable(),
	phone: text(FORM_LIMITS.phone, 'Phone').nullable(),
	message: text(FORM_LIMITS.message, 'Message').nullable(),
	/**
	 * Every submitted field (known and extra, never `_`-prefixed) with a value, exactly as sent:
	 * names untouched, in submission order, a repeated name once per value.
	 */
	fields: z.array(formField.extend({ name: text(FORM_LIMITS.fieldName, 'Field name') })),
	/** `_started`: when the visitor's page loaded (ms since epoch, their clock), if sent. */
	startedAt: z.number().int().nullable(),
});

export type FormSubmissionData = z.infer<typeof formSubmissionData>;

export interface ParsedForm {
	data: FormSubmissionData;
	/** `_next`, unchecked; see allowedNextUrl. */
	next: string | null;
}

const KNOWN = new Set(['name', 'email', 'phone', 'message']);
const LABELS: Record<string, string> = {
	name: 'Name',
	email: 'Email',
	phone: 'Phone',
	message: 'Message',
};

/**
 * Turns submitted name/value pairs (any encoding) into a submission or field-level errors.
 * Fields keep their order and every value of a repeated name (checkbox groups); blank values
 * are left out. Names starting with `_` are controls.
 */
export function parseFormFields(entries: Iterable<[string, string]>): (
	| { ok: true; form: ParsedForm }
	| { ok: false; fieldErrors: FieldErrors }
) & {
	/** The `_gotcha` trap was filled in: answer success, store nothing. */
	honeypot: boolean;
} {
	const fields: FormField[] = [];
	const controls: Record<string, string> = {};
	for (const [rawName, rawValue] of entries) {
		const name = cleanText(rawName).trim();
		if (!name) continue;
		const value = cleanText(rawValue);
		if (name.startsWith('_')) {
			controls[name] = name in controls ? `${controls[name]}, ${value}` : value;
		} else if (value.trim() !== '') {
			fields.push({ name, value });
		}
	}

	const fieldErrors: FieldErrors = {};
	const add = (key: string, message: string) => {
		fieldErrors[key] = [...(fieldErrors[key] ?? []), message];
	};
	const names = new Set(fields.map((f) => f.name));
	if (names.size > FORM_LIMITS.fields) add('form', `At most ${FORM_LIMITS.fields} fields`);
	if (fields.length > FORM_LIMITS.values) add('form', `At most ${FORM_LIMITS.values} values`);
	const tooLong = new Set(
		fields
			.filter((f) => !KNOWN.has(f.name) && f.value.length > FORM_LIMITS.fieldValue)
			.map((f) => f.name),
	);
	for (const name of names) {
		if (name.length > FORM_LIMITS.fieldName) {
			add('form', `Field names must be at most ${FORM_LIMITS.fieldName} characters`);
		} else if (tooLong.has(name)) {
			add(name, `${name} must be at most ${FORM_LIMITS.fieldValue} characters`);
		}
	}

	// A known field sent twice reads as its values joined (an email sent twice is then invalid).
	const known = (key: string) =>
		fields
			.filter((f) => f.name === key)
			.map((f) => f.value)
			.join(', ');
	const optional = (key: string) => known(key).trim() || null;
	const started = controls._started?.trim() ?? '';
	const parsed = formSubmissionData.safeParse({
		email: known('email'),
		name: optional('name'),
		phone: optional('phone'),
		message: optional('message'),
		fields,
		startedAt: /^\d{1,15}$/.test(started) ? Number(started) : null,
	});
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const key = String(issue.path[0] ?? 'form');
			if (key in LABELS) add(key, issue.message);
		}
	}
	const honeypot = Boolean(controls._gotcha?.trim());
	if (!parsed.success || Object.keys(fieldErrors).length > 0) {
		if (Object.keys(fieldErrors).length === 0) add('form', 'Invalid submission');
		return { ok: false, fieldErrors, honeypot };
	}
	return { ok: true, honeypot, form: { data: parsed.data, next: controls._next?.trim() || null } };
}
