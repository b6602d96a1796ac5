// Built once at build time and precached: the service worker answers a page address with it
// when there is no network, and it shows the customer's kept data from there.
export const prerender = true;
