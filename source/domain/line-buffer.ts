/**
 * A bounded buffer of log entries: memory stays flat however long a log runs,
 * and the count of dropped entries is kept so the view can say so.
 */
export class LineBuffer<T = string> {
	private items: T[] = [];
	private start = 0;
	/** Entries dropped from the front since the buffer was created or cleared. */
	dropped = 0;
	/** Bumped by clear(), so a view taken before can tell it is stale. */
	generation = 0;

	constructor(readonly capacity: number) {
		// NaN or Infinity would keep every entry for ever; 0 or less would keep none.
		if (!Number.isSafeInteger(capacity) || capacity < 1) {
			throw new RangeError(`A line buffer holds a whole number of entries above 0, not ${capacity}.`);
		}
	}

	get length(): number {
		return this.items.length - this.start;
	}

	push(item: T): void {
		this.items.push(item);
		if (this.length > this.capacity) {
			this.start++;
			this.dropped++;
			// Compact now and then instead of shifting on every entry; at a quarter of the capacity, so the
			// dropped entries the array still holds stay few (measured: compacting at the full capacity made
			// the heap, and RSS, rise by the size of the whole buffer between compactions).
			if (this.start > this.capacity / 4) {
				this.items = this.items.slice(this.start);
				this.start = 0;
			}
		}
	}

	/** The entry at a position (0 = oldest kept). */
	at(index: number): T | undefined {
		return index >= 0 && index < this.length ? this.items[this.start + index] : undefined;
	}

	/** A copy of the entries from `from` (0 = oldest kept) up to `to`. */
	slice(from = 0, to = this.length): T[] {
		return this.items.slice(this.start + from, this.start + to);
	}

	clear(): void {
		this.generation++;
		this.items = [];
		this.start = 0;
		this.dropped = 0;
	}
}
