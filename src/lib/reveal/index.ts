/**
 * The reveal algorithms: pure functions over {@link Pixels}, safe in Node, a worker or the page.
 * Import from here; the files behind it are one per feature.
 */
export * from './types.ts';
export * from './errors.ts';
export { mostCommonColour } from './background.ts';
export { channelValues, mapChannel, type ChannelOptions } from './channel.ts';
export * from './threshold.ts';
export * from './histogram.ts';
export * from './level-window.ts';
export * from './bit-plane.ts';
export * from './colour-map.ts';
export * from './equalise.ts';
export * from './downsample.ts';
export * from './render-view.ts';
export * from './settings.ts';
export * from './auto-reveal.ts';
export { autoRevealMessages } from './messages.ts';
