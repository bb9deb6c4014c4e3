import { afterNavigate } from '$app/navigation';

/**
 * Moves focus to the customer's tab panel after a switch to this tab, instead of leaving it on
 * <body> where SvelteKit's navigation puts it: a keyboard or screen-reader user lands in the
 * content they asked for. Call during a tab page's initialisation.
 */
export function focusPanelAfterTabSwitch(): void {
	afterNavigate(({ from, to, type }) => {
		if (type === 'enter' || !from || !to) return;
		// Same tab (a query change) or another customer: not a tab switch.
		if (from.route.id === to.route.id || from.params?.id !== to.params?.id) return;
		// Something on the page took focus on purpose (an autofocus field): leave it there.
		if (document.activeElement && document.activeElement !== document.body) return;
		const panel = document.querySelector<HTMLElement>('[role="tabpanel"]');
		if (!panel) return;
		if (!panel.hasAttribute('tabindex')) panel.tabIndex = -1;
		panel.focus({ preventScroll: true });
	});
}

/** Focuses `element` once it exists, making it focusable (programmatically only) if needed. */
export function focusElement(element: HTMLElement | null | undefined): void {
	if (!element) return;
	if (!element.matches('a[href], button, input, select, textarea, [tabindex]'))
		element.tabIndex = -1;
	element.focus();
}
