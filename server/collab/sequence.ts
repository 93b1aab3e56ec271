// Which of a draft's stored updates a room has applied, by per-draft sequence number
// (DraftUpdate.draftSeq). Updates from other processes arrive in any order (each process
// publishes after its own commit), so the room applies them as they come and only asks the store
// for the numbers still missing after a short wait.

export class SequenceWindow {
  /** Every update up to this number is applied. */
  private contiguous = 0;
  /** Applied numbers above `contiguous` (out of order, or ahead of a gap). */
  private readonly above = new Set<number>();
  private highest = 0;

  /** After a load: the state holds every update up to `seq`. Numbers seen above it are kept. */
  reset(seq: number): void {
    if (seq > this.contiguous) this.contiguous = seq;
    if (seq > this.highest) this.highest = seq;
    this.advance();
  }

  /** Marks a number applied; false when it already was (a duplicate to skip). */
  add(seq: number): boolean {
    if (seq <= this.contiguous || this.above.has(seq)) return false;
    this.above.add(seq);
    if (seq > this.highest) this.highest = seq;
    this.advance();
    return true;
  }

  has(seq: number): boolean {
    return seq <= this.contiguous || this.above.has(seq);
  }

  /** Every update up to this number is applied. */
  get upTo(): number {
    return this.contiguous;
  }

  /** The highest number applied. */
  get head(): number {
    return this.highest;
  }

  /** True when a number below the highest one applied is missing. */
  get hasGap(): boolean {
    return this.highest > this.contiguous;
  }

  private advance(): void {
    while (this.above.delete(this.contiguous + 1)) this.contiguous++;
  }
}
