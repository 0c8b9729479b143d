/**
 * A bounded buffer of log lines: memory stays flat however long a log runs,
 * and the count of dropped lines is kept so the view can say so.
 */
export class LineBuffer {
	private lines: string[] = [];
	private start = 0;
	/** Lines dropped from the front since the buffer was created or cleared. */
	dropped = 0;

	constructor(readonly capacity: number) {}

	get length(): number {
		return this.lines.length - this.start;
	}

	push(line: string): void {
		this.lines.push(line);
		if (this.length > this.capacity) {
			this.start++;
			this.dropped++;
			// Compact now and then instead of shifting on every line.
			if (this.start > this.capacity) {
				this.lines = this.lines.slice(this.start);
				this.start = 0;
			}
		}
	}

	/** A copy of the lines from `from` (0 = oldest kept) up to `to`. */
	slice(from = 0, to = this.length): string[] {
		return this.lines.slice(this.start + from, this.start + to);
	}

	clear(): void {
		this.lines = [];
		this.start = 0;
		this.dropped = 0;
	}
}
