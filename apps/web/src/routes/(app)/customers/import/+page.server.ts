import { FieldValidationError, IMPORT_MAX_BYTES } from '@rapport/api/domain';
import { uploadCustomerImport } from '@rapport/api/use-cases';
import { type Actions, error, fail, redirect } from '@sveltejs/kit';
import { apiDeps } from '#lib/server/runtime.ts';

export const load = async ({ locals }) => ({
	imports: await locals.trpc.customerImports.list(),
});

const TOO_LARGE = 'The file is larger than 10 MB.';

export const actions: Actions = {
	// Multipart, so the file comes as bytes; the use case checks everything else.
	default: async ({ request, locals }) => {
		if (!locals.session) error(401, 'Please log in.');
		// The multipart envelope adds a little around the file.
		if (Number(request.headers.get('content-length')) > IMPORT_MAX_BYTES + 64 * 1024)
			return fail(413, { error: TOO_LARGE });
		const form = await request.formData().catch(() => null);
		const file = form?.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { error: 'Choose a CSV file to upload.' });
		if (file.size > IMPORT_MAX_BYTES) return fail(413, { error: TOO_LARGE });
		let id: string;
		try {
			({ id } = await uploadCustomerImport(apiDeps(), locals.session, {
				fileName: file.name,
				bytes: new Uint8Array(await file.arrayBuffer()),
			}));
		} catch (cause) {
			if (cause instanceof FieldValidationError) return fail(400, { error: cause.message });
			throw cause;
		}
		redirect(303, `/customers/import/${id}`);
	},
};
