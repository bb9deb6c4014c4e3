import { describe, expect, it } from 'vitest';
import { automatedMessagesOpenApi } from './api-v1-openapi.ts';

describe('automated messages OpenAPI document', () => {
	it('documents the bearer scheme, the request schema from zod, and every answer', () => {
		const doc = automatedMessagesOpenApi('https://crm.example.test/');
		expect(doc.openapi).toBe('3.1.0');
		expect(doc.servers).toEqual([{ url: 'https://crm.example.test' }]);
		expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
		const post = doc.paths['/api/v1/messages'].post;
		const schema = post.requestBody.content['application/json'].schema as Record<string, unknown>;
		expect(schema).not.toHaveProperty('$schema');
		expect(schema).toMatchObject({
			type: 'object',
			required: ['to', 'subject', 'text'],
			additionalProperties: false,
			properties: { subject: { type: 'string', maxLength: 200 } },
		});
		expect(Object.keys(post.responses).sort()).toEqual(['202', '400', '401', '413', '429', '503']);
		expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
	});
});
