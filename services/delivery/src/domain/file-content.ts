// What a ticket file may be: a PDF, a PNG, a JPEG (each recognised by its first bytes, not by the
// Content-Type header's word) or a barcode string of 1–512 printable ASCII characters.
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_BARCODE_CHARS = 512;

export type FileType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'text/plain';
export const FILE_TYPES: readonly FileType[] = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'];

const magic: Record<Exclude<FileType, 'text/plain'>, Buffer> = {
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

export const fileExtensions: Record<FileType, string> = {
  'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', 'text/plain': 'txt',
};

export type ContentVerdict = { ok: true; contentType: FileType } | { ok: false; message: string };

/** The type the header names (its parameters ignored), if it is one we take. */
export function fileTypeOf(header: string | undefined): FileType | undefined {
  const type = header?.split(';')[0].trim().toLowerCase();
  return type === 'application/pdf' || type === 'image/png' || type === 'image/jpeg' || type === 'text/plain' ? type : undefined;
}

export function checkFileContent(header: string | undefined, bytes: Buffer): ContentVerdict {
  const contentType = fileTypeOf(header);
  if (!contentType) return { ok: false, message: 'The file must be application/pdf, image/png, image/jpeg or text/plain' };
  if (contentType === 'text/plain') {
    if (bytes.length < 1 || bytes.length > MAX_BARCODE_CHARS || !bytes.every((byte) => byte >= 0x20 && byte <= 0x7e)) {
      return { ok: false, message: `A barcode must be 1 to ${MAX_BARCODE_CHARS} printable characters` };
    }
    return { ok: true, contentType };
  }
  const expected = magic[contentType];
  if (bytes.length <= expected.length || !bytes.subarray(0, expected.length).equals(expected)) {
    return { ok: false, message: `The content is not ${contentType === 'application/pdf' ? 'a PDF' : contentType === 'image/png' ? 'a PNG image' : 'a JPEG image'}` };
  }
  return { ok: true, contentType };
}
