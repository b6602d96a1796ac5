/**
 * What is kept in memory to save work that would otherwise be repeated (the server's prepared
 * statements, QR codes and calendar feeds; the days written on either side): at most `limit`
 * entries, the least recently used dropped first, so memory stays bounded whatever the traffic.
 */
export class BoundedCache<K, V> {
	readonly #entries = new Map<K, V>();

	constructor(readonly limit: number) {}

	get size(): number {
		return this.#entries.size;
	}

	/** The kept value, now the most recently used; undefined when none is kept. */
	get(key: K): V | undefined {
		const value = this.#entries.get(key);
		if (value !== undefined) {
			this.#entries.delete(key);
			this.#entries.set(key, value);
		}
		return value;
	}

	set(key: K, value: V): void {
		this.#entries.delete(key);
		this.#entries.set(key, value);
		if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value!);
	}
}
