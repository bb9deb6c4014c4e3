import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { tourEveryPage } from './page-tour.ts';

// Serious and critical findings fail, and so do these moderate ones: every page has one main
// landmark, all content inside landmarks, and a first-level heading.
const ALSO_FAIL = new Set(['landmark-one-main', 'region', 'page-has-heading-one']);

async function audit(page: Page, label: string) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALSO_FAIL.has(v.id))
		.map((v) => {
			const nodes = v.nodes
				.slice(0, 5)
				.map(
					(n) =>
						`    ${n.target.join(' ')}\n      ${n.failureSummary?.replaceAll('\n', '\n      ')}`,
				);
			const more = v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : [];
			return [`${label} (${page.url()}): ${v.id} [${v.impact}] ${v.help}`, ...nodes, ...more].join(
				'\n',
			);
		});
}

for (const viewport of [
	{ width: 1280, height: 800 },
	{ width: 390, height: 844 },
]) {
	test(`axe finds no serious or critical violation on any page at ${viewport.width}×${viewport.height}`, async ({
		browser,
	}) => {
		test.setTimeout(120_000);
		const context = await browser.newContext({ viewport });
		const page = await context.newPage();
		const problems: string[] = [];
		await tourEveryPage(page, async (label) => {
			problems.push(...(await audit(page, label)));
		});
		await context.close();
		expect(problems, problems.join('\n\n')).toEqual([]);
	});
}
