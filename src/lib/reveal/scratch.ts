/**
 * Working arrays kept between Auto reveal calls. At 12 megapixels one call would otherwise
 * allocate about 15 MB of sample arrays, and collecting them costs the worker's garbage
 * collector as much time as a pass over the image. Every call is synchronous and each name
 * has one user at a time, so reuse is safe; the arrays stay a few megabytes at most.
 */

const int32s = new Map<string, Int32Array>();
const float32s = new Map<string, Float32Array>();

/** An Int32Array of `length` for `name`, reused from the last call (contents undefined). */
export function scratchInt32(name: string, length: number): Int32Array {
  let buffer = int32s.get(name);
  if (!buffer || buffer.length < length) {
    buffer = new Int32Array(length);
    int32s.set(name, buffer);
  }
  return buffer.subarray(0, length);
}

/** A Float32Array of `length` for `name`, reused from the last call (contents undefined). */
export function scratchFloat32(name: string, length: number): Float32Array {
  let buffer = float32s.get(name);
  if (!buffer || buffer.length < length) {
    buffer = new Float32Array(length);
    float32s.set(name, buffer);
  }
  return buffer.subarray(0, length);
}
