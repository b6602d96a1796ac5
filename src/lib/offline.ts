/**
 * The customer's offline copy lives in Cache Storage under a name for that customer; the
 * service worker writes it, and the page deletes it whenever nobody is signed in.
 */
export const CUSTOMER_CACHE_PREFIX = 'customer-';

/** The JSON shape the offline copy holds; a service worker of another version skips it. */
export const OFFLINE_DATA_VERSION = 1;

export async function forgetCustomerData(): Promise<void> {
	if (typeof caches === 'undefined') return;
	for (const name of await caches.keys())
		if (name.startsWith(CUSTOMER_CACHE_PREFIX)) await caches.delete(name);
}
