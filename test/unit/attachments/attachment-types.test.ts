import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_LIMIT_BYTES,
  checkAttachment,
  checkNameAndSize,
  detectContentKind,
  zipEntryNames,
} from '../../../shared/payments/attachment-types';
import { jpegBytes, ofdBytes, pdfBytes, pngBytes, storedZip, xlsxBytes } from './evidence-files';

describe('attachment type by magic bytes and extension', () => {
  it('recognises each allowed type by its content', async () => {
    expect(detectContentKind(pdfBytes())).toBe('pdf');
    expect(detectContentKind(pngBytes())).toBe('png');
    expect(detectContentKind(jpegBytes())).toBe('jpeg');
    expect(detectContentKind(ofdBytes())).toBe('ofd');
    expect(detectContentKind(await xlsxBytes())).toBe('xlsx');
  });

  it('reads ZIP entry names from the central directory', async () => {
    expect(zipEntryNames(ofdBytes())).toEqual(['OFD.xml', 'Doc_0/Document.xml']);
    expect(zipEntryNames(await xlsxBytes())).toContain('[Content_Types].xml');
  });

  it('a ZIP that is neither OFD nor XLSX (e.g. a .docx) is not allowed', () => {
    const docx = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(detectContentKind(docx)).toBeNull();
    const check = checkAttachment('合同.xlsx', docx.length, detectContentKind(docx));
    expect(check).toMatchObject({ ok: false, code: 'ATTACHMENT_TYPE_NOT_ALLOWED' });
  });

  it('a PDF that merely mentions OFD.xml is still a PDF, and is refused when called .ofd', () => {
    const pdf = pdfBytes('see OFD.xml');
    expect(detectContentKind(pdf)).toBe('pdf');
    expect(checkAttachment('发票.ofd', pdf.length, 'pdf')).toMatchObject({ ok: false, code: 'ATTACHMENT_TYPE_NOT_ALLOWED' });
  });

  it('refuses content that disagrees with the extension, naming the file', () => {
    const check = checkAttachment('发票.pdf', 100, 'png');
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
      expect(check.message).toContain('发票.pdf');
      expect(check.message).toContain('文件内容与扩展名不符');
    }
    expect(checkAttachment('setup.exe', 100, null)).toMatchObject({ ok: false, code: 'ATTACHMENT_TYPE_NOT_ALLOWED' });
    expect(checkAttachment('扫描件.JPEG', 100, 'jpeg')).toMatchObject({ ok: true, kind: 'jpeg', mediaType: 'image/jpeg' });
  });

  it('50 MB is allowed, 50 MB + 1 byte is refused with the size and the file name', () => {
    expect(checkNameAndSize('a.pdf', ATTACHMENT_LIMIT_BYTES)).toBeNull();
    const over = checkNameAndSize('竣工图.pdf', ATTACHMENT_LIMIT_BYTES + 1);
    expect(over).toMatchObject({ ok: false, code: 'ATTACHMENT_TOO_LARGE' });
    expect(over && !over.ok ? over.message : '').toContain('竣工图.pdf');
    expect(over && !over.ok ? over.message : '').toContain('50 MB');
  });

  it('refuses an empty file', () => {
    expect(checkNameAndSize('a.pdf', 0)).toMatchObject({ ok: false, code: 'ATTACHMENT_EMPTY' });
  });
});
