import type { BackupManifestView, PendingRestoreView } from '../../../shared/api/methods/backup-methods';
import type { BackupManifest } from './backup-format';
import type { RestoreMarker } from './pending-restore';

/** Local time as YYYY-MM-DD HH:mm, the way messages to an administrator state it. */
export function formatLocal(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

export function totalOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** The last characters of a device id: enough to tell two desktops apart in a message. */
export function deviceTail(deviceId: string): string {
  return deviceId.slice(-8);
}

export function toManifestView(manifest: BackupManifest, extra: { ownDeviceId: string; fileBytes: number; databaseSm3: string }): BackupManifestView {
  return {
    createdAt: manifest.createdAt,
    appVersion: manifest.appVersion,
    deviceId: manifest.deviceId,
    fromThisDevice: manifest.deviceId === extra.ownDeviceId,
    unitName: manifest.unit.name,
    unitUscc: manifest.unit.uscc,
    kind: manifest.kind,
    createdByName: manifest.createdBy?.name ?? null,
    schemaVersions: manifest.schemaVersions,
    counts: manifest.counts,
    totalDocuments: totalOf(manifest.counts),
    databaseBytes: manifest.databaseBytes,
    fileBytes: extra.fileBytes,
    databaseSm3: extra.databaseSm3,
  };
}

export function toPendingView(marker: RestoreMarker): PendingRestoreView {
  return {
    stagedAt: marker.stagedAt,
    stagedByName: marker.stagedBy?.name ?? null,
    sourceFile: marker.sourceFile,
    backupCreatedAt: marker.manifest.createdAt,
    unitName: marker.manifest.unit.name,
    totalDocuments: totalOf(marker.manifest.counts),
  };
}

/**
 * What to say when the key check fails: a backup made elsewhere, or under an earlier passphrase,
 * is named as such, so the administrator knows which passphrase to look for.
 */
export function wrongPassphraseMessage(manifest: BackupManifest, own: { deviceId: string; keyId: string | null }, fileKeyId: string): string {
  const made = formatLocal(manifest.createdAt);
  if (manifest.deviceId !== own.deviceId) {
    return `备份口令不正确。该备份由另一台设备制作（单位：${manifest.unit.name}，设备 …${deviceTail(manifest.deviceId)}，${made}），请输入制作该备份时那台设备设置的备份口令`;
  }
  if (own.keyId !== null && own.keyId !== fileKeyId) {
    return `备份口令不正确。该备份（${made}）使用的是以前设置的备份口令（口令指纹 ${fileKeyId}，当前口令指纹 ${own.keyId}），请输入当时的口令`;
  }
  return `备份口令不正确：请输入制作该备份时（${made}）设置的备份口令`;
}
