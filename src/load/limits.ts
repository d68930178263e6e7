/**
 * Sizes no real document reaches, so a hostile or broken file (an alias bomb, a list of a
 * million entries, a 5-gigabyte "logo") is refused quickly, with bounded memory, at the line
 * that makes it too big, instead of exhausting the machine. For scale: the largest real
 * document, the Lampang plan, is 208 KB in 1,078 lines with 1,419 values, lists of at most
 * 11 entries and 9 levels of nesting; a plan of 1,000 projects (9,019 lines, 29,040 values)
 * still builds (2,110 pages).
 */
export const LIMITS = {
  /** Bytes of a YAML file (document, authority file, linked document). */
  yamlBytes: 10 * 1024 * 1024,
  /** Bytes of an image (logo, a picture the page loads): a logo is about 600 pixels wide. */
  imageBytes: 2 * 1024 * 1024,
  /** Lines of a YAML file: ten megabytes of empty lines would cost the parser a gigabyte. */
  lines: 100_000,
  /** Values in one document (keys, texts, numbers, lists and mappings), aliases expanded. */
  values: 50_000,
  /** Entries of one list or mapping. */
  items: 2_000,
  /** Levels of nesting. */
  depth: 64,
} as const;

/** "10 MB", "2 MB": a limit as messages name it. */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** 50000 → "50,000". */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
