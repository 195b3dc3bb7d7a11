// Text that must fit a box in a PDF (a label's name, a report's cell): shared by the label sheets
// and the table export, so both cut Chinese and Latin text the same way.

/**
 * `text` broken into at most `maxLines` lines of `width` in the current font, the last one ending
 * in … when the text does not fit. Chinese breaks between any two characters; a line that would
 * split a Latin word breaks at its last space instead, when it has one.
 */
export function fitLines(doc: PDFKit.PDFDocument, text: string, width: number, maxLines: number): string[] {
  const chars = [...text.trim()];
  const lines: string[] = [];
  let start = 0;
  while (start < chars.length && lines.length < maxLines) {
    let end = start;
    while (end < chars.length && doc.widthOfString(chars.slice(start, end + 1).join('')) <= width) end++;
    if (end === start) end = start + 1;
    if (end < chars.length && /\w/.test(chars[end]) && /\w/.test(chars[end - 1])) {
      const space = chars.slice(start, end).lastIndexOf(' ');
      if (space > 0) end = start + space + 1;
    }
    lines.push(chars.slice(start, end).join('').trimEnd());
    start = end;
    while (chars[start] === ' ') start++;
  }
  if (start < chars.length) {
    let last = [...lines[lines.length - 1]];
    while (last.length && doc.widthOfString(`${last.join('')}…`) > width) last = last.slice(0, -1);
    lines[lines.length - 1] = `${last.join('')}…`;
  }
  return lines;
}
