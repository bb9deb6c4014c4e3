import { expect, test } from '@playwright/test';
import { tourEveryPage } from './page-tour.ts';

test.use({ viewport: { width: 360, height: 740 } });

test('at 360 px no page scrolls sideways', async ({ page }) => {
	test.setTimeout(120_000);
	const wide: string[] = [];
	await tourEveryPage(page, async (label) => {
		const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
			const root = document.scrollingElement ?? document.documentElement;
			const width = root.clientWidth;
			// The outermost elements that reach past the right edge, to say what to fix.
			const past = [...document.body.querySelectorAll<HTMLElement>('*')].filter(
				(el) => el.getBoundingClientRect().right > width + 0.5,
			);
			const outermost = past.filter((el) => !past.includes(el.parentElement as HTMLElement));
			return {
				scrollWidth: root.scrollWidth,
				clientWidth: width,
				culprits: outermost
					.slice(0, 3)
					.map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">`),
			};
		});
		if (scrollWidth > clientWidth)
			wide.push(`${label}: ${scrollWidth} > ${clientWidth} px (${culprits.join(', ')})`);
	});
	expect(wide, wide.join('\n')).toEqual([]);
});
