import { NotFoundError } from '../../domain/errors.ts';

/** A note that was deleted (or purged): still "not found", with a reason the user can act on. */
export class NoteGoneError extends NotFoundError {
	constructor(message: string) {
		super('Note');
		this.message = message;
		this.name = 'NoteGoneError';
	}
}
