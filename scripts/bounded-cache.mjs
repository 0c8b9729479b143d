/**
 * A memo with a size limit, put in place of Ink 6's module-level text caches
 * (measure-text, wrap-text), which keep every distinct string ever rendered:
 * a log tail renders new strings all the time, so they grew the heap by about
 * 50 KB/s at 100 lines/s (vadimdemedes/ink#986).
 *
 * Two generations instead of a true LRU: a read never reorders anything, and
 * a full generation is dropped whole. What a frame still uses is copied into
 * the new generation on its next read, so the rows that did not change stay hits.
 */
export class BoundedCache {
	#limit;
	#current = new Map();
	#previous = new Map();

	constructor(limit) {
		this.#limit = limit;
	}

	get size() {
		return this.#current.size + this.#previous.size;
	}

	get(key) {
		const value = this.#current.get(key);
		if (value !== undefined) {
			return value;
		}

		const old = this.#previous.get(key);
		if (old !== undefined) {
			this.set(key, old);
		}

		return old;
	}

	set(key, value) {
		if (this.#current.size >= this.#limit) {
			this.#previous = this.#current;
			this.#current = new Map();
		}

		this.#current.set(key, value);
	}
}
