import { AUTOMATED_MESSAGE_LIMITS, automatedMessageJsonSchema } from '@rapport/api/domain';

const errorBody = {
	type: 'object',
	required: ['error'],
	properties: { error: { type: 'string', description: 'Why, in plain words.' } },
} as const;

const errorResponse = (description: string, headers?: Record<string, unknown>) => ({
	description,
	...(headers && { headers }),
	content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const retryAfter = {
	'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
};

/**
 * The OpenAPI 3.1 document of POST /api/v1/messages. The request body's schema is generated from
 * the zod schema the endpoint validates with, so the two cannot drift apart.
 */
export function automatedMessagesOpenApi(origin: string) {
	const { $schema: _dialect, ...request } = automatedMessageJsonSchema();
	return {
		openapi: '3.1.0',
		info: {
			title: 'Rapport automated messages API',
			version: '1.0.0',
			description:
				"Send an email to a customer from your own systems (a booking tool, a shop). It appears on the customer's Messages tab, marked as automated with the API key's name, and the customer's reply threads back to it. Create keys in Settings → API keys.",
		},
		servers: [{ url: origin.replace(/\/$/, '') }],
		security: [{ apiKey: [] }],
		paths: {
			'/api/v1/messages': {
				post: {
					operationId: 'postMessage',
					summary: 'Send an automated email to a customer',
					description: `Finds the customer by email (any letter case) or creates them, then queues the email through the same outbox as every other email: the answer comes once it is queued, and the Messages tab shows its delivery state. The email is sent as plain text (\`text\`) in the business's own email layout; \`html\` is accepted and checked, not sent. Send the same \`idempotencyKey\` again to retry safely: the answer is the first message's id and nothing is sent twice. At most ${AUTOMATED_MESSAGE_LIMITS.bodyBytes / 1024} KB of JSON per request.`,
					requestBody: {
						required: true,
						content: { 'application/json': { schema: request } },
					},
					responses: {
						'202': {
							description: 'Queued. The same answer for a replayed idempotencyKey.',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										required: ['id'],
										properties: { id: { type: 'string', format: 'uuid' } },
									},
								},
							},
						},
						'400': {
							description: 'Not JSON, not Content-Type: application/json, or invalid fields.',
							content: {
								'application/json': {
									schema: {
										allOf: [
											{ $ref: '#/components/schemas/Error' },
											{
												type: 'object',
												properties: {
													fieldErrors: {
														type: 'object',
														description:
															'Messages per field, e.g. { "subject": ["subject must be a single line …"] }.',
														additionalProperties: { type: 'array', items: { type: 'string' } },
													},
												},
											},
										],
									},
								},
							},
						},
						'401': errorResponse('Missing, wrong or revoked API key.', {
							'WWW-Authenticate': { schema: { type: 'string' } },
						}),
						'413': errorResponse('The body is larger than the limit.'),
						'429': errorResponse('Too many requests for this API key.', retryAfter),
						'503': errorResponse(
							'The queue is unavailable; nothing was sent. Retry with the same idempotencyKey.',
							retryAfter,
						),
					},
				},
			},
		},
		components: {
			securitySchemes: {
				apiKey: {
					type: 'http',
					scheme: 'bearer',
					description: 'Authorization: Bearer rapport_… (a key from Settings → API keys).',
				},
			},
			schemas: { Error: errorBody },
		},
	};
}
