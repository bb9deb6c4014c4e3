import { error } from '@sveltejs/kit';

// Any address no page answers: "Page not found" inside the app frame (after the log-in check of
// the layout), with the way back that (app)/+error.svelte offers.
export const load = () => {
	error(404, 'Page not found');
};
