/**
 * Which files count as evidence (附件) and how they are recognised. Pure, so the core decides
 * and the renderer's drop zone can refuse the same files before uploading a byte.
 *
 * A file is accepted only when its extension AND its first bytes (magic number) agree on one
 * allowed type: a renamed executable or a Word file called .pdf is refused, and so is a real
 * PDF called .jpg (the viewer would pick the wrong renderer).
 */

/** 50 MB each (issue 4: "PDF, OFD, images, XLSX; 50 MB each"). */
export const ATTACHMENT_LIMIT_BYTES = 50 * 1024 * 1024;

export const ATTACHMENT_KINDS = ['pdf', 'ofd', 'png', 'jpeg', 'xlsx'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export interface AttachmentKindSpec {
  kind: AttachmentKind;
  label: string;
  extensions: readonly string[];
  mediaType: string;
  /** shown inside the page (image or PDF viewer) rather than only downloaded */
  previewable: boolean;
}

export const ATTACHMENT_KIND_SPECS: Readonly<Record<AttachmentKind, AttachmentKindSpec>> = {
  pdf: { kind: 'pdf', label: 'PDF', extensions: ['pdf'], mediaType: 'application/pdf', previewable: true },
  ofd: { kind: 'ofd', label: 'OFD 版式文件', extensions: ['ofd'], mediaType: 'application/ofd', previewable: false },
  png: { kind: 'png', label: 'PNG 图片', extensions: ['png'], mediaType: 'image/png', previewable: true },
  jpeg: { kind: 'jpeg', label: 'JPEG 图片', extensions: ['jpg', 'jpeg'], mediaType: 'image/jpeg', previewable: true },
  xlsx: {
    kind: 'xlsx',
    label: 'Excel 工作簿',
    extensions: ['xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    previewable: false,
  },
};

/** For the file picker's `accept` and for messages. */
export const ALLOWED_EXTENSIONS: readonly string[] = ATTACHMENT_KINDS.flatMap((k) => ATTACHMENT_KIND_SPECS[k].extensions.map((e) => `.${e}`));

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export function kindForExtension(fileName: string): AttachmentKind | null {
  const ext = extensionOf(fileName);
  return ATTACHMENT_KINDS.find((k) => ATTACHMENT_KIND_SPECS[k].extensions.includes(ext)) ?? null;
}

export function kindForMediaType(mediaType: string): AttachmentKind | null {
  return ATTACHMENT_KINDS.find((k) => ATTACHMENT_KIND_SPECS[k].mediaType === mediaType) ?? null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4

/** How many leading bytes `sniffHead` needs (the renderer reads only these before uploading). */
export const SNIFF_HEAD_BYTES = 8;

/** What the first bytes say: 'zip' still has to be told apart into OFD or XLSX by its entries. */
export function sniffHead(head: Uint8Array): 'pdf' | 'png' | 'jpeg' | 'zip' | null {
  if (startsWith(head, PDF_MAGIC)) return 'pdf';
  if (startsWith(head, PNG_MAGIC)) return 'png';
  if (startsWith(head, JPEG_MAGIC)) return 'jpeg';
  if (startsWith(head, ZIP_MAGIC)) return 'zip';
  return null;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
}

/**
 * Entry names from a ZIP's central directory (found through the end-of-central-directory record
 * in the last 64 KiB), or null when the structure is not a readable ZIP. Reading the directory
 * rather than searching the bytes means a PDF that merely mentions "OFD.xml" is not an OFD.
 */
export function zipEntryNames(bytes: Uint8Array, maxEntries = 10_000): string[] | null {
  const EOCD = 0x06054b50;
  const CDH = 0x02014b50;
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i -= 1) {
    if (u32(bytes, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  const dirOffset = u32(bytes, eocd + 16);
  if (dirOffset >= bytes.length) return null;
  const names: string[] = [];
  const decoder = new TextDecoder();
  let at = dirOffset;
  for (let n = 0; n < Math.min(count, maxEntries); n += 1) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CDH) return null;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The type the content really is (whole file), or null when it is none of the allowed ones. */
export function detectContentKind(bytes: Uint8Array): AttachmentKind | null {
  const head = sniffHead(bytes);
  if (head !== 'zip') return head;
  const names = zipEntryNames(bytes);
  if (!names) return null;
  // GB/T 33190-2016: an OFD package has OFD.xml at its root
  if (names.includes('OFD.xml')) return 'ofd';
  // Office Open XML: the content-types part plus the workbook part
  if (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('xl/workbook'))) return 'xlsx';
  return null;
}

export type AttachmentCheck =
  | { ok: true; kind: AttachmentKind; mediaType: string }
  | { ok: false; code: 'ATTACHMENT_TOO_LARGE' | 'ATTACHMENT_TYPE_NOT_ALLOWED' | 'ATTACHMENT_EMPTY'; message: string };

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const ALLOWED_TEXT = 'PDF、OFD、PNG/JPEG 图片、Excel（.xlsx）';

/** Size and extension, known before any byte is read (the drop zone checks these first). */
export function checkNameAndSize(fileName: string, size: number): AttachmentCheck | null {
  if (size <= 0) return { ok: false, code: 'ATTACHMENT_EMPTY', message: `附件“${fileName}”是空文件` };
  if (size > ATTACHMENT_LIMIT_BYTES) {
    return { ok: false, code: 'ATTACHMENT_TOO_LARGE', message: `附件“${fileName}”大小为 ${mb(size)}，超过单个附件 50 MB 的上限` };
  }
  const kind = kindForExtension(fileName);
  if (!kind) {
    return { ok: false, code: 'ATTACHMENT_TYPE_NOT_ALLOWED', message: `附件“${fileName}”的类型不允许，只能上传 ${ALLOWED_TEXT}` };
  }
  return null;
}

/**
 * The full check: size, extension, and that the content is what the extension claims.
 * `contentKind` is detectContentKind's answer (or, in the renderer, sniffHead's, where 'zip'
 * is accepted for .ofd/.xlsx and left to the core to tell apart).
 */
export function checkAttachment(fileName: string, size: number, contentKind: AttachmentKind | 'zip' | null): AttachmentCheck {
  const early = checkNameAndSize(fileName, size);
  if (early) return early;
  const claimed = kindForExtension(fileName) as AttachmentKind;
  const zipClaim = claimed === 'ofd' || claimed === 'xlsx';
  const agrees = contentKind === claimed || (contentKind === 'zip' && zipClaim);
  if (!agrees) {
    return {
      ok: false,
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      message: `附件“${fileName}”的内容不是有效的 ${ATTACHMENT_KIND_SPECS[claimed].label} 文件（文件内容与扩展名不符），只能上传 ${ALLOWED_TEXT}`,
    };
  }
  return { ok: true, kind: claimed, mediaType: ATTACHMENT_KIND_SPECS[claimed].mediaType };
}
