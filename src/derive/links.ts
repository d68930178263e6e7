/**
 * Links printed in table cells (templates/shared/links.hbs): a URL cut after / . ? & = - _ #
 * so a long one wraps at a sensible place (the template escapes each part, then `<wbr>`).
 */
export function urlParts(url: string): string[] {
  return url.split(/(?<=[/.?&=_#-])/).filter((p) => p !== '');
}
