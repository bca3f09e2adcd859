// The bytes a contributor hands to `make add`, checked before anything reads them as text: a
// corpus text must be UTF-8 text, so an empty file, a PDF or Word file, or a file in another
// encoding is refused with the reason and the command that fixes it. No guessing of encodings:
// a wrong guess would put a corrupted text into the corpus silently.
import { decodeUtf8 } from '../lib/utf8.js';

export type IntakeKind = 'text' | 'markdown' | 'html';

export type IntakeFailure = { ok: false; code: string; message: string; hint: string };
export type Intake = { ok: true; kind: IntakeKind; text: string } | IntakeFailure;

const saveAsText = 'save the text itself as a UTF-8 .txt, .md or .html file and add that file';

/** File signatures of the binary formats contributors are likely to hand in by mistake. */
const signatures: { format: string; bytes: readonly number[] }[] = [
  { format: 'a PDF file', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { format: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { format: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { format: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8(7|9)a
  // .docx, .xlsx, .odt and .epub are ZIP archives too; the file name says which one it is.
  { format: 'a ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { format: 'a ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] }, // an empty one
  { format: 'a legacy Word or Excel file (OLE2)', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
];

const zipKinds: Record<string, string> = {
  docx: 'a Word document (.docx, a ZIP archive)',
  xlsx: 'an Excel workbook (.xlsx, a ZIP archive)',
  odt: 'an OpenDocument text (.odt, a ZIP archive)',
  epub: 'an EPUB book (a ZIP archive)',
};

export function decodeIntake(bytes: Uint8Array, fileName: string): Intake {
  if (bytes.length === 0) return emptyFile(fileName);

  const utf16 = utf16ByteOrderMark(bytes);
  if (utf16) {
    return {
      ok: false,
      code: 'add/not-utf8',
      message: `${fileName} is ${utf16} text (it starts with a ${utf16} byte-order mark), not UTF-8`,
      hint: `convert it: iconv -f ${utf16} -t UTF-8 ${fileName} > converted.txt`,
    };
  }

  const format = binaryFormat(bytes, fileName);
  if (format) {
    return { ok: false, code: 'add/binary-file', message: `${fileName} is not text: this is ${format}`, hint: saveAsText };
  }

  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const { line, column } = decoded.position;
    const byte = bytes[decoded.byte]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      code: 'add/not-utf8',
      message: `${fileName} is not valid UTF-8: byte 0x${byte} at byte offset ${decoded.byte} (line ${line}, column ${column})`,
      hint: `convert it from its encoding, e.g. iconv -f <encoding> -t UTF-8 ${fileName} > converted.txt (windows-1251 and cp1252 are common)`,
    };
  }
  // decodeUtf8 has dropped a leading byte-order mark; the raw bytes are stored elsewhere as they are.
  const text = decoded.text;
  if (text.trim() === '') return emptyFile(fileName);
  return { ok: true, kind: intakeKind(text, fileName), text };
}

function emptyFile(fileName: string): IntakeFailure {
  return {
    ok: false,
    code: 'add/empty-file',
    message: `${fileName} is empty (or holds only white space)`,
    hint: 'paste the statement into the file and save it, then run make add again',
  };
}

function utf16ByteOrderMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  return null;
}

/** The binary format of the file, or null when it may be text. A NUL byte never occurs in a text. */
function binaryFormat(bytes: Uint8Array, fileName: string): string | null {
  const known = signatures.find((s) => s.bytes.every((b, i) => bytes[i] === b));
  if (known?.format === 'a ZIP archive') return zipKinds[extension(fileName)] ?? known.format;
  if (known) return known.format;
  const nul = bytes.indexOf(0);
  if (nul !== -1) return `a binary file (a NUL byte at byte offset ${nul})`;
  return null;
}

function extension(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName);
  return m ? m[1]!.toLowerCase() : '';
}

/** HTML or Markdown by the file name first; a file with another name by how its text begins. */
export function intakeKind(text: string, fileName: string): IntakeKind {
  const ext = extension(fileName);
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 20)
    .toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  if (/^---[ \t]*\r?\n(?:.*\r?\n)*?---[ \t]*(?:\r?\n|$)/.test(text)) return 'markdown';
  return 'text';
}
