/**
 * The messageIds seen lately, each with the write that carries it: a repeat within the window is
 * dropped, and its request answers once that write has committed. Oldest ids leave first.
 */
export class MessageIdWindow<T> {
  private readonly ids = new Map<string, T>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.ids.size;
  }

  get(id: string): T | undefined {
    return this.ids.get(id);
  }

  set(id: string, value: T): void {
    this.ids.set(id, value);
    if (this.ids.size > this.capacity) {
      // Evict a slice at a time: one iterator walk per thousand inserts instead of one per insert.
      const excess = this.ids.size - this.capacity + Math.min(1000, Math.ceil(this.capacity / 100));
      let n = 0;
      for (const key of this.ids.keys()) {
        if (n++ >= excess) break;
        this.ids.delete(key);
      }
    }
  }

  /** Forgets `id` if it still belongs to `value` (its write failed, so a retry must be let through). */
  forget(id: string, value: T): void {
    if (this.ids.get(id) === value) this.ids.delete(id);
  }
}
