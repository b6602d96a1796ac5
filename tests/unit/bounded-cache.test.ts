import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/lib/bounded-cache';

describe('the bounded cache', () => {
	it('keeps at most its limit, dropping the least recently used first', () => {
		const cache = new BoundedCache<string, number>(2);
		cache.set('a', 1);
		cache.set('b', 2);
		expect(cache.get('a')).toBe(1); // a is now the most recently used
		cache.set('c', 3);
		expect(cache.size).toBe(2);
		expect(cache.get('b')).toBeUndefined();
		expect([cache.get('a'), cache.get('c')]).toEqual([1, 3]);
		// Setting a kept key again replaces it, without growing.
		cache.set('a', 10);
		cache.set('d', 4);
		expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([10, undefined, 4]);
	});
});
