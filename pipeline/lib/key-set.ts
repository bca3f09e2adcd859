// A set of strings that keeps a 128-bit hash of each instead of the string: the validate stage's
// key checks (primary keys unique, foreign keys resolvable) over every row of the corpus. At 1000x
// the seeds, with Sets of the 4.4 million key strings, the stage's live heap was 600-1000 MB (it ran
// out of memory under --max-old-space-size=600, not under 1000); this holds 16 bytes a slot.
//
// Two keys are taken as equal when their 128-bit hashes are: two different keys among n collide
// with probability about n^2 / 2^128 (for n = 4.4 million, ~3e-26), which can wrongly report a
// duplicate or miss a dangling reference only that rarely. The hash is cyrb53's mixing run with
// two seeds, keeping both 32-bit lanes of each (not cryptographic: the keys are the pipeline's own).

function hash4(key: string, out: Uint32Array): void {
  for (let pass = 0; pass < 2; pass++) {
    const seed = pass === 0 ? 0x9e3779b9 : 0x7f4a7c15;
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    out[pass * 2] = h1 >>> 0;
    out[pass * 2 + 1] = h2 >>> 0;
  }
  // A slot whose first word is 0 is empty, so no hash has a first word of 0 (one bit of 128 lost).
  out[0] = (out[0]! | 1) >>> 0;
}

export class KeySet {
  /** Four words per slot, open addressing with linear probing; a first word of 0 is an empty slot. */
  private slots = new Uint32Array(4 * 16);
  private count = 0;
  private readonly h = new Uint32Array(4);

  get size(): number {
    return this.count;
  }

  /** Adds the key; false when it (its hash) was already there. */
  add(key: string): boolean {
    hash4(key, this.h);
    const slot = this.find();
    if (this.slots[slot * 4] !== 0) return false;
    this.slots.set(this.h, slot * 4);
    if (++this.count * 4 > (this.slots.length / 4) * 3) this.grow();
    return true;
  }

  has(key: string): boolean {
    hash4(key, this.h);
    return this.slots[this.find() * 4] !== 0;
  }

  /** The slot holding this.h, or the empty slot where it would go. */
  private find(): number {
    const s = this.slots;
    const h = this.h;
    const mask = s.length / 4 - 1;
    for (let i = h[0]! & mask; ; i = (i + 1) & mask) {
      const at = i * 4;
      if (s[at] === 0 || (s[at] === h[0] && s[at + 1] === h[1] && s[at + 2] === h[2] && s[at + 3] === h[3])) return i;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at] === 0) continue;
      this.h.set(old.subarray(at, at + 4));
      this.slots.set(this.h, this.find() * 4);
    }
  }
}
