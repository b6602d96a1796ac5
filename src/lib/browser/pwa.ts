/**
 * Registers the service worker and reports a waiting new version, which the customer takes
 * with one click (the page reloads under the new version; the session cookie stays).
 */
export function registerServiceWorker(onUpdate: (apply: () => void) => void): void {
	if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
	void navigator.serviceWorker.register('/service-worker.js', { scope: '/' }).then(
		(registration) => {
			const offer = (worker: ServiceWorker) =>
				onUpdate(() => {
					navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
						once: true
					});
					worker.postMessage({ type: 'SKIP_WAITING' });
				});
			// Only an update is offered: the first install has no older version to replace.
			if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
			registration.addEventListener('updatefound', () => {
				const installing = registration.installing;
				installing?.addEventListener('statechange', () => {
					if (installing.state === 'installed' && navigator.serviceWorker.controller)
						offer(installing);
				});
			});
		},
		(error: unknown) => console.error('The service worker did not register', error)
	);
}
