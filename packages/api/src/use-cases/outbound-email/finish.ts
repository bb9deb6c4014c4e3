import { type Database, finalizeSentEmail } from '@rapport/db';

/**
 * accepted → sent: the mail server took it, only the bookkeeping was left. The invoice it
 * carried was issued when it was queued, so delivery changes nothing but the message. Running
 * it again changes nothing.
 */
export async function finishSentEmail(db: Database, messageId: string) {
	await finalizeSentEmail(db, messageId);
}
