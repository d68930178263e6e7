/**
 * Reading a YAML file's bytes into text. Officers save files with Notepad and
 * Word as well as VS Code, so the encodings those produce get a clear verdict:
 * UTF-8 with or without a BOM works, UTF-16 and TIS-620 are refused with a fix,
 * and anything else that is not text says so.
 */
import { bi, type Diagnostic } from '../diagnostics.js';
import { describeReadFailure, readLimited, type FailedRead } from './files.js';
import { LIMITS, megabytes } from './limits.js';

export type SourceResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic; read?: FailedRead };

function problem(file: string, code: string, th: string, en: string, hintTh: string, hintEn: string): SourceResult {
  return {
    ok: false,
    diagnostic: { severity: 'error', code, file, line: 0, column: 0, path: [], message: bi(th, en), hint: bi(hintTh, hintEn) },
  };
}

/**
 * TIS-620 (Windows-874) text: ASCII text plus Thai letters in 0xA1–0xDA and 0xDF–0xFB, and
 * the few punctuation marks Windows-874 adds (€ … ‘ ’ “ ” • – — and a no-break space).
 * Random or binary bytes fall outside these at once (control characters, 0x81–0x90, 0xDB–0xDE, 0xFC–0xFF).
 */
function isTis620Byte(b: number): boolean {
  if (b < 0x80) return b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
  return (b >= 0xa0 && b <= 0xda) || (b >= 0xdf && b <= 0xfb) || b === 0x80 || b === 0x85 || (b >= 0x91 && b <= 0x97);
}

function looksLikeTis620(bytes: Uint8Array): boolean {
  let thai = 0;
  for (const b of bytes) {
    if (!isTis620Byte(b)) return false;
    if (b >= 0xa1) thai++;
  }
  return thai > 0;
}

export function decodeSource(file: string, bytes: Uint8Array): SourceResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return problem(
      file,
      'load/utf16',
      'ไฟล์ถูกบันทึกเป็น UTF-16 (Unicode) ซึ่งเครื่องมืออ่านไม่ได้',
      'the file is saved as UTF-16, which cannot be read',
      'เปิดไฟล์แล้วเลือก "บันทึกเป็น" และตั้งการเข้ารหัส (Encoding) เป็น UTF-8',
      'open the file, choose "Save as" and set the encoding to UTF-8',
    );
  }
  let text: string;
  try {
    // A NUL never occurs in text (UTF-16 without its mark, a binary file): not UTF-8 text either.
    if (bytes.includes(0)) throw new Error('NUL');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (looksLikeTis620(bytes)) {
      return problem(
        file,
        'load/tis620',
        'ไฟล์ถูกบันทึกเป็นภาษาไทยแบบเก่า (TIS-620/ANSI) ไม่ใช่ UTF-8 ตัวอักษรไทยจึงอ่านไม่ได้',
        'the file is saved in the legacy Thai encoding (TIS-620/Windows-874), not UTF-8',
        'ใน Notepad เลือก File > Save As แล้วตั้ง Encoding เป็น UTF-8 หรือใน VS Code คลิก "Windows 874" ที่แถบล่าง > Reopen with Encoding > Thai แล้ว Save with Encoding > UTF-8',
        'in Notepad use File > Save As with Encoding UTF-8; in VS Code reopen it as Windows 874 and save it with encoding UTF-8',
      );
    }
    return problem(
      file,
      'load/not-utf8',
      'ไฟล์ไม่ใช่ข้อความ UTF-8',
      'the file is not UTF-8 text',
      'บันทึกไฟล์ใหม่โดยตั้งการเข้ารหัสเป็น UTF-8',
      'save the file again with the UTF-8 encoding',
    );
  }
  // A BOM (Notepad adds one) is not part of the document.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/**
 * A YAML file (at most LIMITS.yamlBytes, inside `root` when given) as text, or why not:
 * `read` is set when the file itself could not be read, so that a file naming it can report
 * the problem at its own line.
 */
export async function readSource(file: string, root?: string): Promise<SourceResult> {
  const read = await readLimited(file, LIMITS.yamlBytes, root);
  if (read.ok) return decodeSource(file, read.bytes);
  const d = read.problem === 'not-found'
    ? { code: 'load/not-found', message: bi('ไม่พบไฟล์', 'file not found'), hint: bi('ตรวจสอบชื่อและตำแหน่งของไฟล์', 'check the file name and folder') }
    : describeReadFailure(read, file, bi(
      `เอกสารหนึ่งไฟล์ใหญ่ได้ไม่เกิน ${megabytes(LIMITS.yamlBytes)} แบ่งเป็นหลายเอกสาร หรือตรวจว่าระบุไฟล์ถูกต้อง`,
      `a document is at most ${megabytes(LIMITS.yamlBytes)}: split it, or check that the right file is named`,
    ));
  return { ok: false, read, diagnostic: { severity: 'error', code: d.code, file, line: 0, column: 0, path: [], message: d.message, hint: d.hint } };
}
