import { lshBandKeys, minhashSignature } from "./minhash";
import { sentenceKeys } from "./sentence-keys";
import type { TextSketch } from "./shingles";

/** Every key under which a text is indexed and looked up for near-duplicate candidates. */
export function candidateKeys(plainText: string, sketch: TextSketch): number[] {
  return [...lshBandKeys(minhashSignature(sketch.shingles)), ...sentenceKeys(plainText)];
}
