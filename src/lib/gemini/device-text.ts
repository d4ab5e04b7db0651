/**
 * The words a person reads about the browser's built-in model before any failure: the
 * picker's labels and states. Failures are in describe-device.ts.
 */
import type { DeviceUnavailableReason } from './device.ts';

/** The picker's words. */
export const DEVICE_TEXT = {
  legend: 'Answered by',
  gemini: 'Gemini, with your API key',
  device: 'On this device (Gemini Nano)',
  checking: 'Checking whether this browser has a built-in model…',
  available:
    'Ready: the model on this device answers, with no key and no network; nothing is sent.',
  downloadable:
    'Chrome must download the model once (several gigabytes) before it can answer on this device.',
  download: 'Download model',
  downloading: 'Chrome is downloading the model to this device.',
  progressLabel: 'Model download',
  /** Opens the reason the option is disabled (one short line instead of three). */
  why: 'Why?',
  unavailable: {
    'no-model': 'This browser or device cannot run a built-in model; use a Gemini API key.',
    'no-image':
      "This device's built-in model cannot take images; use a Gemini API key to ask about one.",
  } satisfies Record<DeviceUnavailableReason, string>,
  /** Shown where a Gemini answer names its model version. */
  where: 'On this device',
} as const;
