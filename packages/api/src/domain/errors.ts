// Domain errors: what use cases throw. The transports map them once — trpc.ts to tRPC codes,
// public endpoints to HTTP answers — so no use case knows how it is called. Field-level errors
// are FieldValidationError (field-errors.ts).

/** The thing does not exist, or belongs to another business (the two are never told apart). */
export class NotFoundError extends Error {
	constructor(what: string) {
		super(`${what} not found`);
		this.name = 'NotFoundError';
	}
}

/** The request is valid but clashes with the current state (e.g. a paid invoice cannot be sent). */
export class ConflictError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ConflictError';
	}
}

/** No valid credential (a missing, wrong or revoked API key): 401. */
export class UnauthorizedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnauthorizedError';
	}
}

/** The business's plan does not include this. */
export class ForbiddenByPlanError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ForbiddenByPlanError';
	}
}

/** Too many attempts; `retryAfterSeconds` says when to try again. */
export class RateLimitedError extends Error {
	readonly retryAfterSeconds: number;
	constructor(message: string, retryAfterSeconds: number) {
		super(message);
		this.name = 'RateLimitedError';
		this.retryAfterSeconds = retryAfterSeconds;
	}
}

/** A service we depend on (the job queue) refused; nothing was done, trying again may work. */
export class ServiceUnavailableError extends Error {
	constructor(message: string, options?: ErrorOptions) {
		super(message, options);
		this.name = 'ServiceUnavailableError';
	}
}
