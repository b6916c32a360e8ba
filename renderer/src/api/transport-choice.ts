import type { RawBridge } from '../../../shared/api/bridge';
import { isRecord } from './envelope-guard';

/**
 * How the page reaches the core: the Electron preload's `window.gpm` when present, otherwise a
 * WebSocket to the browser-mode host authorised by the launch token, otherwise nothing (the
 * page was opened directly and can only explain how to start it).
 */
export type TransportChoice =
  | { kind: 'ipc'; bridge: RawBridge }
  | { kind: 'ws'; launchToken: string }
  | { kind: 'none' };

export function isRawBridge(value: unknown): value is RawBridge {
  return isRecord(value) && typeof value.call === 'function' && typeof value.subscribe === 'function';
}

export function chooseTransport(gpm: unknown, launchToken: string | null): TransportChoice {
  if (isRawBridge(gpm)) return { kind: 'ipc', bridge: gpm };
  if (launchToken) return { kind: 'ws', launchToken };
  return { kind: 'none' };
}
