/** Field-level validation messages keyed by input field, shown next to the field in the UI. */
export type FieldErrors = Record<string, string[]>;

/** Raised by domain code when input is well-formed but breaks a rule tied to a field. */
export class FieldValidationError extends Error {
	readonly fieldErrors: FieldErrors;
	constructor(fieldErrors: FieldErrors, message?: string) {
		super(message ?? Object.values(fieldErrors).flat()[0] ?? 'Invalid input');
		this.name = 'FieldValidationError';
		this.fieldErrors = fieldErrors;
	}
}

/** The record a conflicting value belongs to, so the UI can link to it. */
export interface ConflictingRecord {
	customerId: string;
	customerName: string;
}

/** A field's value clashes with existing data (e.g. a customer email already taken): 409. */
export class FieldConflictError extends FieldValidationError {
	readonly conflict: ConflictingRecord | null;
	constructor(fieldErrors: FieldErrors, message?: string, conflict?: ConflictingRecord) {
		super(fieldErrors, message);
		this.name = 'FieldConflictError';
		this.conflict = conflict ?? null;
	}
}
