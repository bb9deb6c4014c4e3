import { type Kysely, type RawBuilder, sql } from 'kysely';

// Frozen in time: this file must never import application code.
//
// Contact-form fields were stored as a jsonb object ({ "colour_scheme": "green" }): jsonb keeps
// its keys sorted (shorter first, then bytewise), not in submission order, and the
// CamelCasePlugin renamed the keys on read. They become an ordered list of { name, value }
// pairs. The order a visitor sent is lost for rows stored before this migration: they get the
// order jsonb kept. Checkbox values joined with ", " stay one value (they cannot be told apart
// from a value holding a comma). Blank values are dropped, as the endpoint now does.
//
// The same conversion is applied where a submission's payload waits: held in quarantine, and
// failed ingest jobs kept for retry. Jobs still in Redis are read in both shapes by the worker.

/** `{ name: value }` → `[{ name, value }]` in jsonb's key order, blanks left out. */
const pairs = (object: RawBuilder<unknown>) => sql`(
	select coalesce(
		jsonb_agg(jsonb_build_object('name', e.key, 'value', e.value) order by e.ord),
		'[]'::jsonb
	)
	from jsonb_each_text(${object}) with ordinality as e(key, value, ord)
	where btrim(e.value, E' \\t\\r\\n') <> ''
)`;

/** `[{ name, value }]` → `{ name: value }`, repeats joined as the previous release did. */
const object = (list: RawBuilder<unknown>) => sql`(
	select coalesce(jsonb_object_agg(g.name, g.value), '{}'::jsonb)
	from (
		select p->>'name' as name, string_agg(p->>'value', ', ' order by i) as value
		from jsonb_array_elements(${list}) with ordinality as a(p, i)
		group by p->>'name'
	) g
)`;

async function convert(
	db: Kysely<any>,
	from: 'object' | 'array',
	to: (value: RawBuilder<unknown>) => RawBuilder<unknown>,
) {
	await sql`update messages set fields = ${to(sql`fields`)}
		where jsonb_typeof(fields) = ${from}`.execute(db);
	await sql`update form_quarantine
		set payload = jsonb_set(payload, '{fields}', ${to(sql`payload->'fields'`)})
		where jsonb_typeof(payload->'fields') = ${from}`.execute(db);
	await sql`update failed_jobs
		set payload = jsonb_set(payload, '{submissions}', (
			select jsonb_agg(
				case when jsonb_typeof(s->'fields') = ${from}
					then jsonb_set(s, '{fields}', ${to(sql`s->'fields'`)}) else s end
				order by i)
			from jsonb_array_elements(payload->'submissions') with ordinality as a(s, i)
		))
		where job_name = 'ingest-form-submissions'
			and jsonb_typeof(payload->'submissions') = 'array'
			and jsonb_array_length(payload->'submissions') > 0`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
	await convert(db, 'object', pairs);
}

export async function down(db: Kysely<any>): Promise<void> {
	await convert(db, 'array', object);
}
