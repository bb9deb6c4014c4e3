import { z } from 'zod';

/**
 * One submitted field, exactly as sent. A submission's fields are a list of these in the order
 * the browser (or the caller's JSON) sent them; a checkbox group repeats its name, one pair per
 * ticked box, so nothing is joined or lost. A list, not an object: jsonb reorders an object's
 * keys, and Kysely's CamelCasePlugin renames keys inside JSON on read (`colour_scheme` →
 * `colourScheme`). The keys here, `name` and `value`, are already camel-case, and values are
 * never touched by the plugin, so the list reads back as written.
 */
export const formField = z.object({ name: z.string(), value: z.string() });

export type FormField = z.infer<typeof formField>;

/**
 * The fields of a queued or held submission: the list, or the object the previous release
 * queued (`{ name: value }`, repeats already joined with ", "). Jobs survive a deploy, so the
 * old shape is read as pairs in its key order (JSON keeps it), blank values left out.
 */
export const storedFormFields = z.union([
	z.array(formField),
	z.record(z.string(), z.string()).transform(fieldsFromObject),
]);

export function fieldsFromObject(fields: Record<string, string>): FormField[] {
	return Object.entries(fields)
		.filter(([, value]) => value.trim() !== '')
		.map(([name, value]) => ({ name, value }));
}

/**
 * The fields as shown: one row per name, at its first position, with all of its values in the
 * order sent (a checkbox group is one row, not one per box).
 */
export function groupFormFields(
	fields: readonly FormField[],
): { name: string; values: string[] }[] {
	const rows = new Map<string, string[]>();
	for (const { name, value } of fields) {
		const values = rows.get(name);
		if (values) values.push(value);
		else rows.set(name, [value]);
	}
	return [...rows].map(([name, values]) => ({ name, values }));
}
