/**
 * The customer's offline copy lives in Cache Storage under a name for that customer; the
 * service worker writes it, and the page deletes it whenever nobody is signed in.
 */
export const CUSTOMER_CACHE_PREFIX = 'customer-';

/**
 * Sent by a portal page with the ETag its copies have now (its server load's offlineTag): a
 * kept copy with that tag is current, and the service worker answers it without asking.
 */
export const CURRENT_TAG_HEADER = 'x-klientiem-current-tag';

export async function forgetCustomerData(): Promise<void> {
	if (typeof caches === 'undefined') return;
	for (const name of await caches.keys())
		if (name.startsWith(CUSTOMER_CACHE_PREFIX)) await caches.delete(name);
}
