import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * URL rules of the shell, kept free of `electron` so they are unit-tested in plain Node.
 * "Our app" is exactly the files Vite built into dist/renderer, loaded by file URL.
 */
export function createAppUrlCheck(rendererDir: string): (url: string) => boolean {
  const root = path.resolve(rendererDir) + path.sep;
  return (url: string): boolean => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    // A host in a file URL is a network share (file://server/x): never ours.
    if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
    let filePath: string;
    try {
      filePath = path.resolve(fileURLToPath(parsed));
    } catch {
      return false;
    }
    return filePath.startsWith(root);
  };
}

/** Only plain https links (no credentials in them) may be handed to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.hostname !== '';
  } catch {
    return false;
  }
}
