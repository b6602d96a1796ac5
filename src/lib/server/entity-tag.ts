/** Conditional GETs: the feed and the offline copies answer 304 when the client's copy is current. */

/** RFC 9110 §13.1.2: `*`, or any tag of the list, compared weakly (a W/ prefix does not count). */
export function noneMatch(header: string | null, etag: string): boolean {
	if (header === null) return false;
	if (header.trim() === '*') return true;
	return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
