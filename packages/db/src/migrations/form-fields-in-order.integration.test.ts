import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../client.ts';
import { createTestBusiness, createTestCustomer, testDatabaseUrl } from '../testing/index.ts';
import { down, up } from './2026_12_01_0017_form_fields_in_order.ts';

const db = createDb(testDatabaseUrl());
afterAll(() => db.destroy());

class Rollback extends Error {}

// What the previous release stored: an object (jsonb sorts its keys: shorter first).
const oldFields = {
	how_did_you_hear: 'Radio',
	email: 'sam@example.test',
	colour_scheme: 'green',
	topic: 'cut, colour',
	blank: '',
};
const converted = [
	{ name: 'email', value: 'sam@example.test' },
	{ name: 'topic', value: 'cut, colour' },
	{ name: 'colour_scheme', value: 'green' },
	{ name: 'how_did_you_hear', value: 'Radio' },
];

// Raw SQL with the columns as text: what the plugin does to JSON keys is not under test here.
const json = async (trx: Kysely<any>, query: ReturnType<typeof sql<{ v: string }>>) =>
	JSON.parse((await query.execute(trx)).rows[0]!.v);

describe('migration 0017 form fields in order', () => {
	it('turns stored, held and failed submissions’ field objects into ordered name/value pairs', async () => {
		const business = await createTestBusiness(db);
		const customer = await createTestCustomer(db, business.id);
		const submission = {
			businessId: business.id,
			submissionId: randomUUID(),
			email: 'sam@example.test',
			fields: oldFields,
		};
		await db
			.transaction()
			.execute(async (trx) => {
				const { rows } = await sql<{ id: string }>`insert into messages
					(business_id, customer_id, direction, channel, subject, body, fields)
					values (${business.id}, ${customer.id}, 'inbound', 'form', 'Contact form', '', ${JSON.stringify(oldFields)})
					returning id`.execute(trx);
				const messageId = rows[0]!.id;
				await sql`insert into form_quarantine (business_id, submission_id, payload, reason)
					values (${business.id}, ${submission.submissionId}, ${JSON.stringify(submission)}, 'too fast')`.execute(
					trx,
				);
				const jobKey = `test-${randomUUID()}`;
				await sql`insert into failed_jobs (business_id, job_key, queue, job_name, job_id, payload, kind, reason, attempts)
					values (${business.id}, ${jobKey}, 'ingest', 'ingest-form-submissions', 'x',
						${JSON.stringify({ submissions: [submission] })}, 'attempts', 'db down', 15)`.execute(
					trx,
				);

				await up(trx);
				expect(
					await json(trx, sql`select fields::text as v from messages where id = ${messageId}`),
				).toEqual(converted);
				expect(
					await json(
						trx,
						sql`select (payload->'fields')::text as v from form_quarantine where submission_id = ${submission.submissionId}`,
					),
				).toEqual(converted);
				const failed = await json(
					trx,
					sql`select payload::text as v from failed_jobs where job_key = ${jobKey}`,
				);
				expect(failed.submissions).toEqual([{ ...submission, fields: converted }]);

				// Running it again changes nothing; down gives the object back (blank gone).
				await up(trx);
				expect(
					await json(trx, sql`select fields::text as v from messages where id = ${messageId}`),
				).toEqual(converted);
				await down(trx);
				expect(
					await json(trx, sql`select fields::text as v from messages where id = ${messageId}`),
				).toEqual({
					email: 'sam@example.test',
					topic: 'cut, colour',
					colour_scheme: 'green',
					how_did_you_hear: 'Radio',
				});
				throw new Rollback();
			})
			.catch((error) => {
				if (!(error instanceof Rollback)) throw error;
			});
	});
});
