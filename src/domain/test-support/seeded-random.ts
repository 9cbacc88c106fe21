// Tests only: a small deterministic PRNG (xorshift32), so random tests repeat exactly.

/** Uniform numbers in [0, 1) from a 32-bit xorshift generator; the seed must not be 0. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}
