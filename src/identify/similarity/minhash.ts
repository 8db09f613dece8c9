/**
 * MinHash signatures and LSH bands. 60 hash functions, read as 20 bands of 3 rows: two texts
 * become candidates when any band agrees. The chance of that for word-shingle Jaccard J is
 * 1 - (1 - J^3)^20: 0.999 at J = 0.7, 0.99 at J = 0.6, 0.93 at J = 0.5 (a copy missing half its
 * sentences), 0.02 at J = 0.1 (unrelated papers in one field), so close copies are found and
 * unrelated papers rarely reach the exact check. BENCHMARKS.md has the measured figures.
 */
import { mix32 } from "./shingles";

export const MINHASH_SIZE = 60;
export const LSH_BANDS = 20;
export const LSH_ROWS = MINHASH_SIZE / LSH_BANDS;

// Fixed seeds: signatures must stay comparable with those already stored.
const SEEDS = Uint32Array.from({ length: MINHASH_SIZE }, (_, i) =>
  mix32(0x9e3779b9 ^ Math.imul(i + 1, 0x632be5ab)),
);

export function minhashSignature(shingles: Iterable<number>): Uint32Array {
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const value = mix32(shingle ^ SEEDS[i]!);
      if (value < signature[i]!) signature[i] = value;
    }
  }
  return signature;
}

/**
 * One integer key per band: the band number in the high bits, a hash of its rows in the
 * low 32 (so equal rows in different bands never collide). Safe integers, stored as INTEGER.
 */
export function lshBandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    let h = mix32(band + 1);
    for (let row = 0; row < LSH_ROWS; row++) h = mix32(h ^ signature[band * LSH_ROWS + row]!);
    keys.push(band * 2 ** 32 + h);
  }
  return keys;
}
