import { z } from 'zod';
import { cleanText } from './clean-text.ts';
import type { FieldErrors } from './field-errors.ts';

/** What one contact-form submission may carry. The endpoint also caps the raw body. */
export const FORM_LIMITS = {
	bodyBytes: 64 * 1024,
	name: 200,
	email: 254,
	phone: 50,
	message: 10_000,
	fieldName: 100,
	fieldValue: 5_000,
	fields: 50,
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
	/** Every submitted field (known and extra, never `_`-prefixed), exactly as sent. */
	fields: z.record(text(FORM_LIMITS.fieldName, 'Field name'), z.string()),
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
 * Repeated names (checkbox groups) are joined with ", ". Names starting with `_` are controls.
 */
export function parseFormFields(entries: Iterable<[string, string]>): (
	| { ok: true; form: ParsedForm }
	| { ok: false; fieldErrors: FieldErrors }
) & {
	/** The `_gotcha` trap was filled in: answer success, store nothing. */
	honeypot: boolean;
} {
	const fields: Record<string, string> = {};
	const controls: Record<string, string> = {};
	for (const [rawName, rawValue] of entries) {
		const name = cleanText(rawName).trim();
		if (!name) continue;
		const value = cleanText(rawValue);
		const target = name.startsWith('_') ? controls : fields;
		target[name] = name in target ? `${target[name]}, ${value}` : value;
	}

	const fieldErrors: FieldErrors = {};
	const add = (key: string, message: string) => {
		fieldErrors[key] = [...(fieldErrors[key] ?? []), message];
	};
	const names = Object.keys(fields);
	if (names.length > FORM_LIMITS.fields) add('form', `At most ${FORM_LIMITS.fields} fields`);
	for (const name of names) {
		if (name.length > FORM_LIMITS.fieldName) {
			add('form', `Field names must be at most ${FORM_LIMITS.fieldName} characters`);
		} else if (!KNOWN.has(name) && fields[name]!.length > FORM_LIMITS.fieldValue) {
			add(name, `${name} must be at most ${FORM_LIMITS.fieldValue} characters`);
		}
	}

	const optional = (key: string) => fields[key]?.trim() || null;
	const started = controls._started?.trim() ?? '';
	const parsed = formSubmissionData.safeParse({
		email: fields.email ?? '',
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
