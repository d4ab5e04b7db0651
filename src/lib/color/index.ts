/** Colour maths for Hide: hex, CIELAB, ΔE2000, a plain verdict and the contrast solver. */
export * from './types.ts';
export { parseHex, formatHex, clampByte } from './hex.ts';
export { rgbToLab } from './lab.ts';
export { deltaE2000, deltaE2000Rgb } from './delta-e.ts';
export { visibility, type Visibility } from './verdict.ts';
export { solveContrast, type ContrastChannel, type ContrastSolution } from './contrast.ts';
export { channelDifference, describeDifference, type ChannelDifference } from './difference.ts';
export { over, WHITE } from './composite.ts';
