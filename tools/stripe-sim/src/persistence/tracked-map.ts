// A Map that reports the keys handlers read or write, so the state file can save exactly the
// objects a request may have changed (handlers change objects in place after `get`). With `limit`,
// the oldest entries are dropped past it: memory stays bounded for kinds nobody needs for ever.
export type Touched = (key: string) => void;

export class TrackedMap<V> extends Map<string, V> {
  constructor(private readonly touched: Touched, private readonly limit = Infinity) {
    super();
  }

  override get(key: string): V | undefined {
    const value = super.get(key);
    if (value !== undefined) this.touched(key);
    return value;
  }

  override set(key: string, value: V): this {
    super.set(key, value);
    this.touched(key);
    if (this.size > this.limit) super.delete(super.keys().next().value as string);
    return this;
  }
}
