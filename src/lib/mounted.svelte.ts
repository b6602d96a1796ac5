import { onMount } from 'svelte';

/**
 * Whether the component's script has taken over the server's HTML. Buttons that only work
 * with JavaScript stay disabled until then: clicked in the moment before hydration they would
 * otherwise do nothing and say nothing (and without JavaScript they cannot work at all).
 */
export function trackMounted() {
	let mounted = $state(false);
	onMount(() => {
		mounted = true;
	});
	return {
		get current() {
			return mounted;
		}
	};
}
