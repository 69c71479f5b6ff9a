import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from './errors.js';

/**
 * PDF documents with Chinese text. pdfkit embeds (subsets) the CJK font into each file, so a bulletin reads the
 * same on any machine. The font comes from the Debian package `fonts-wqy-zenhei` (or GRIDGOV_CJK_FONT = a .ttf/.ttc
 * path, with GRIDGOV_CJK_FONT_FACE naming the face inside a collection). Without it, PDF requests fail with
 * NOT_READY and a message saying what to install: Chinese text is never silently dropped.
 */
const DEFAULT_FONTS = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
];

export function cjkFont(): { path: string; face: string | undefined } {
  const env = process.env.GRIDGOV_CJK_FONT;
  const candidates = env ? [{ path: env, face: process.env.GRIDGOV_CJK_FONT_FACE }] : DEFAULT_FONTS;
  const found = candidates.find((c) => fs.existsSync(c.path));
  if (!found) {
    throw new AppError('NOT_READY', `PDF needs a CJK font: install the Debian package fonts-wqy-zenhei (apt-get install -y fonts-wqy-zenhei) or set GRIDGOV_CJK_FONT to a .ttf/.ttc file (tried ${candidates.map((c) => c.path).join(', ')})`,
      { font: candidates.map((c) => c.path) });
  }
  return found;
}

export interface Column { header: string; width: number; align?: 'left' | 'right' | 'center' }

/** A small document builder over pdfkit: title, headings, paragraphs, paginated tables, bar charts and photo grids. */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly left = 40;
  private readonly right: number;

  constructor(title: string, opts: { landscape?: boolean } = {}) {
    const font = cjkFont();
    this.doc = new PDFDocument({ size: 'A4', layout: opts.landscape ? 'landscape' : 'portrait', margin: 40, info: { Title: title, Creator: 'GridGov' } });
    this.doc.registerFont('cjk', font.path, font.face);
    this.doc.font('cjk');
    this.right = this.doc.page.width - 40;
  }

  get width(): number { return this.right - this.left; }

  title(text: string, sub?: string): this {
    this.doc.fontSize(18).fillColor('#000').text(text, this.left, this.doc.y, { width: this.width, align: 'center' });
    if (sub) this.doc.moveDown(0.3).fontSize(10).fillColor('#555').text(sub, { width: this.width, align: 'center' });
    this.doc.moveDown(1).fillColor('#000');
    return this;
  }

  heading(text: string): this {
    this.ensure(40);
    this.doc.moveDown(0.5).fontSize(13).fillColor('#000').text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    return this;
  }

  para(text: string): this {
    this.doc.fontSize(10).fillColor('#222').text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.4);
    return this;
  }

  /** A table; the header repeats on every new page. Widths are fractions of the usable width. */
  table(columns: Column[], rows: string[][]): this {
    const fs_ = 9;
    const pad = 3;
    const widths = columns.map((c) => c.width * this.width);
    const rowHeight = (cells: string[]) => Math.max(...cells.map((t, i) => this.doc.fontSize(fs_).heightOfString(t || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
    const draw = (cells: string[], header: boolean) => {
      const h = rowHeight(cells);
      const y = this.doc.y;
      let x = this.left;
      if (header) this.doc.rect(this.left, y, this.width, h).fill('#e8eef7');
      cells.forEach((t, i) => {
        this.doc.fillColor('#000').fontSize(fs_).text(t, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? 'left' });
        x += widths[i]!;
      });
      this.doc.moveTo(this.left, y + h).lineTo(this.right, y + h).lineWidth(0.5).strokeColor('#bbb').stroke();
      this.doc.x = this.left;
      this.doc.y = y + h;
    };
    const headers = columns.map((c) => c.header);
    this.ensure(rowHeight(headers) * 2);
    draw(headers, true);
    for (const r of rows) {
      if (this.ensure(rowHeight(r))) draw(headers, true);
      draw(r, false);
    }
    this.doc.moveDown(0.6);
    return this;
  }

  /** Horizontal bars of 0–100 values (null drawn as "—"). */
  bars(items: { label: string; value: number | null }[], color = '#3b6fd4'): this {
    const labelW = this.width * 0.3;
    const barW = this.width * 0.6;
    for (const it of items) {
      this.ensure(16);
      const y = this.doc.y;
      this.doc.fillColor('#000').fontSize(9).text(it.label, this.left, y, { width: labelW - 6, align: 'right', lineBreak: false, ellipsis: true });
      if (it.value !== null) this.doc.rect(this.left + labelW, y + 1, Math.max(1, (barW * Math.min(100, it.value)) / 100), 9).fill(color);
      this.doc.fillColor('#000').fontSize(9).text(it.value === null ? '—' : it.value.toFixed(1),
        this.left + labelW + barW + 4, y, { width: this.width - labelW - barW - 4, lineBreak: false });
      this.doc.x = this.left;
      this.doc.y = y + 14;
    }
    this.doc.moveDown(0.6);
    return this;
  }

  /** Images (JPEG/PNG buffers) in rows of three, each fitted in its cell with a caption below. */
  images(items: { image: Buffer; caption: string }[]): this {
    const perRow = 3;
    const gap = 10;
    const w = (this.width - gap * (perRow - 1)) / perRow;
    const imgH = w * 0.75;
    const capH = 26;
    for (let i = 0; i < items.length; i += perRow) {
      this.ensure(imgH + capH + gap);
      const y = this.doc.y;
      items.slice(i, i + perRow).forEach((it, k) => {
        const x = this.left + k * (w + gap);
        this.doc.image(it.image, x, y, { fit: [w, imgH], align: 'center', valign: 'center' });
        this.doc.fillColor('#333').fontSize(8).text(it.caption, x, y + imgH + 3, { width: w, height: capH, ellipsis: true });
      });
      this.doc.x = this.left;
      this.doc.y = y + imgH + capH + gap;
    }
    this.doc.moveDown(0.4);
    return this;
  }

  /** Starts a new page when less than `h` points are left; true if it did. */
  private ensure(h: number): boolean {
    if (this.doc.y + h <= this.doc.page.height - 40) return false;
    this.doc.addPage();
    this.doc.font('cjk');
    return true;
  }

  async toBuffer(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    this.doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.doc.end();
    await done;
    return Buffer.concat(chunks);
  }
}
