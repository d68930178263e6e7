/**
 * Reading a YAML file's bytes into text. Officers save files with Notepad and
 * Word as well as VS Code, so the encodings those produce get a clear verdict:
 * UTF-8 with or without a BOM works, UTF-16 and TIS-620 are refused with a fix.
 */
import { readFile } from 'node:fs/promises';
import { bi, type Diagnostic } from '../diagnostics.js';

export type SourceResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

function problem(file: string, code: string, th: string, en: string, hintTh: string, hintEn: string): SourceResult {
  return {
    ok: false,
    diagnostic: { severity: 'error', code, file, line: 0, column: 0, path: [], message: bi(th, en), hint: bi(hintTh, hintEn) },
  };
}

/** TIS-620 puts Thai letters in bytes 0xA1–0xFB, which are never valid UTF-8 on their own. */
function looksLikeTis620(bytes: Uint8Array): boolean {
  let thai = 0;
  for (const b of bytes) if (b >= 0xa1 && b <= 0xfb) thai++;
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

export async function readSource(file: string): Promise<SourceResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') {
      return problem(file, 'load/is-directory', 'เป็นโฟลเดอร์ ไม่ใช่ไฟล์ YAML', 'is a folder, not a YAML file', 'ระบุไฟล์ .yaml', 'name a .yaml file');
    }
    return problem(
      file,
      'load/unreadable',
      code === 'ENOENT' ? 'ไม่พบไฟล์' : `อ่านไฟล์ไม่ได้ (${code ?? 'unknown'})`,
      code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? 'unknown'})`,
      'ตรวจสอบชื่อและตำแหน่งของไฟล์',
      'check the file name and folder',
    );
  }
  return decodeSource(file, bytes);
}
