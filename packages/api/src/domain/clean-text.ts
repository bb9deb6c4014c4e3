/**
 * PostgreSQL text and jsonb refuse NUL and lone UTF-16 surrogates (possible in JSON bodies and
 * decoded email); one such value would fail every retry, so they are replaced, not rejected.
 */
export function cleanText(value: string): string {
	return value.replaceAll('\u0000', '').replace(/\p{Cs}/gu, '\uFFFD');
}
