// The CJK font for exported PDFs: the PDF base fonts have no Chinese glyphs. Noto Sans CJK where
// the common distributions put it; without one, Helvetica (Chinese text then prints blank) and a
// warning once per process, so a server without fonts-noto-cjk still exports.
import fs from 'node:fs';
import path from 'node:path';

export interface PdfFonts {
  /** pdfkit font sources (a font file buffer or a base font name) and the family inside a .ttc. */
  regular: { src: Buffer | string; family?: string };
  bold: { src: Buffer | string; family?: string };
  cjk: boolean;
}

/** Debian/Ubuntu (fonts-noto-cjk), Fedora, Arch, then a font dropped next to the data. */
export const CJK_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/local/share/fonts/NotoSansCJK-Regular.ttc',
];

const cache = new Map<string, PdfFonts>();
let warned = false;

export function findPdfFonts(candidates: readonly string[] = CJK_FONT_FILES): PdfFonts {
  const key = candidates.join('\n');
  const hit = cache.get(key);
  if (hit) return hit;
  const file = candidates.find((f) => fs.existsSync(f));
  let fonts: PdfFonts;
  if (file) {
    const regular = { src: fs.readFileSync(file), family: 'NotoSansCJKsc-Regular' };
    const boldFile = path.join(path.dirname(file), path.basename(file).replace('Regular', 'Bold'));
    const bold = boldFile !== file && fs.existsSync(boldFile) ? { src: fs.readFileSync(boldFile), family: 'NotoSansCJKsc-Bold' } : regular;
    fonts = { regular, bold, cjk: true };
  } else {
    if (!warned) {
      warned = true;
      process.emitWarning(`No CJK font found (looked for ${candidates.join(', ')}); PDF exports print Chinese blank. Install fonts-noto-cjk.`, { code: 'CANGSHOU_NO_CJK_FONT' });
    }
    fonts = { regular: { src: 'Helvetica' }, bold: { src: 'Helvetica-Bold' }, cjk: false };
  }
  cache.set(key, fonts);
  return fonts;
}
