/**
 * The customer's offline copy lives in Cache Storage under a name for that customer; the
 * service worker writes it, and the page deletes it whenever nobody is signed in.
 */
export const CUSTOMER_CACHE_PREFIX = 'customer-';

export async function forgetCustomerData(): Promise<void> {
	if (typeof caches === 'undefined') return;
	for (const name of await caches.keys())
		if (name.startsWith(CUSTOMER_CACHE_PREFIX)) await caches.delete(name);
}
