/**
 * Every way asking the built-in model can fail, listed once for the tests that go through them
 * all. Written as a record so the type check fails when device.ts gains a kind this lacks.
 */
import type { DeviceErrorKind } from '../../../src/lib/gemini/device.ts';

const every = {
  'image-unsupported': true,
  'download-failed': true,
  'download-cancelled': true,
  'context-exceeded': true,
  'language-unsupported': true,
  'session-destroyed': true,
  'output-filtered': true,
  'not-allowed': true,
  unavailable: true,
  other: true,
} satisfies Record<DeviceErrorKind, true>;

/** Each {@link DeviceErrorKind}, once. */
export const DEVICE_KINDS = Object.keys(every) as DeviceErrorKind[];
