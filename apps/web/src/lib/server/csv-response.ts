/**
 * A streamed CSV download: each chunk is sent as the use case reads its page, so an export of
 * 100,000 rows never sits in memory. A client that goes away cancels the stream, which returns
 * the generator (and stops the reads).
 */
export function csvResponse(filename: string, body: AsyncGenerator<string>): Response {
	const encoder = new TextEncoder();
	const stream = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { value, done } = await body.next();
			if (done) controller.close();
			else controller.enqueue(encoder.encode(value));
		},
		async cancel() {
			await body.return(undefined);
		},
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store',
		},
	});
}

/** ?format=locale: numbers and dates as the business's locale writes them; else ISO. */
export const csvFormat = (url: URL) =>
	url.searchParams.get('format') === 'locale' ? ('locale' as const) : ('iso' as const);
