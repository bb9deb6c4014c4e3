import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { signUp, uniqueEmail } from './helpers.ts';

async function sql<T>(text: string, values: unknown[]) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	try {
		return (await client.query(text, values)).rows as T[];
	} finally {
		await client.end();
	}
}

test('a submission that could not be processed is shown in Settings; Retry stores it once', async ({
	page,
}) => {
	const { email: owner } = await signUp(page, 'Retry Florist');
	const [user] = await sql<{ business_id: string }>(
		'select business_id from users where email = $1',
		[owner],
	);
	const businessId = user!.business_id;
	const sender = uniqueEmail('visitor');
	const submissionId = randomUUID();
	const payload = {
		businessId,
		submissionId,
		acceptedAt: new Date().toISOString(),
		email: sender,
		name: 'Robin Retry',
		phone: null,
		message: 'Do you deliver on Sundays?',
		fields: [
			{ name: 'email', value: sender },
			{ name: 'name', value: 'Robin Retry' },
			{ name: 'message', value: 'Do you deliver on Sundays?' },
		],
		startedAt: null,
	};
	// As the worker records a job that failed for good (see use-cases/failed-jobs/record.ts).
	await sql(
		`insert into failed_jobs (business_id, job_key, queue, job_name, job_id, payload, kind, reason, attempts)
		 values ($1, $2, 'ingest', 'ingest-form-submission', $3, $4, 'attempts', 'relation "x" does not exist', 15)`,
		[
			businessId,
			`ingest/form-${submissionId}/${businessId}`,
			`form-${submissionId}`,
			JSON.stringify(payload),
		],
	);

	await page.goto('/settings');
	const section = page.getByRole('region', { name: "Couldn't process" });
	const item = section.getByTestId('failed-job');
	await expect(item).toHaveCount(1);
	await expect(item).toContainText(`Contact-form submission from Robin Retry <${sender}>`);
	await expect(item).toContainText('It went wrong each of the 15 times it was tried.');
	await expect(item).not.toContainText('relation');

	await item.getByRole('button', { name: 'Retry' }).click();
	await expect(page.getByText('Queued again.')).toBeVisible();
	await expect(item).toHaveCount(0);
	await expect(section.getByText('Everything was processed.')).toBeVisible();

	await expect
		.poll(
			async () =>
				(
					await sql<{ n: string }>(
						'select count(*) as n from messages where business_id = $1 and source_id = $2',
						[businessId, submissionId],
					)
				)[0]!.n,
			{ timeout: 20_000 },
		)
		.toBe('1');
	await page.goto('/customers');
	await expect(page.getByRole('link', { name: 'Robin Retry' })).toBeVisible();
});
