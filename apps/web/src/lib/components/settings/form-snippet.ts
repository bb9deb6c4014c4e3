const escapeAttr = (value: string) =>
	value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/**
 * The copy-paste contact form for a business's website. Kept out of the .svelte file: its
 * inline script tag would end the component's own script block.
 */
export function formSnippet(url: string): string {
	return [
		`<form action="${escapeAttr(url)}" method="POST">`,
		'  <label>Name <input type="text" name="name" autocomplete="name"></label>',
		'  <label>Email <input type="email" name="email" required autocomplete="email"></label>',
		'  <label>Phone <input type="tel" name="phone" autocomplete="tel"></label>',
		'  <label>Message <textarea name="message" rows="5"></textarea></label>',
		'  <!-- Spam trap: people never see this field, bots fill it in. -->',
		'  <input type="text" name="_gotcha" style="display:none" tabindex="-1" autocomplete="off">',
		'  <!-- Spam check: when the page opened. Forms sent within 3 seconds are held for review. -->',
		'  <input type="hidden" name="_started">',
		'  <script>document.currentScript.previousElementSibling.value = Date.now();</script>',
		'  <!-- Optional: a page of your website to show after sending. -->',
		'  <!-- <input type="hidden" name="_next" value="https://your-website.example/thanks"> -->',
		'  <button type="submit">Send</button>',
		'</form>',
	].join('\n');
}
