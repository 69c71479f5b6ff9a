import { afterEach, describe, expect, it } from 'vitest';
import { cjkFont, PdfWriter } from './pdf.js';

describe('PDF CJK font', () => {
  afterEach(() => { delete process.env.GRIDGOV_CJK_FONT; });

  it('fails clearly, naming the package to install, when the font is missing', () => {
    process.env.GRIDGOV_CJK_FONT = '/nonexistent/font.ttc';
    expect(() => cjkFont()).toThrow(/fonts-wqy-zenhei/);
    expect(() => new PdfWriter('测试')).toThrow(expect.objectContaining({ code: 'NOT_READY' }));
  });

  it('writes a PDF with a multi-page table', async (ctx) => {
    try { cjkFont(); } catch {
      console.warn('SKIPPED: no CJK font (Debian: apt-get install -y fonts-wqy-zenhei); CI installs it before the PostgreSQL run');
      ctx.skip();
    }
    const w = new PdfWriter('测试');
    w.title('测试标题').table([{ header: '序号', width: 0.2 }, { header: '名称', width: 0.8 }], Array.from({ length: 120 }, (_, i) => [String(i), `第${i}行`]));
    const buf = await w.toBuffer();
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(buf.toString('latin1').match(/\/Type \/Page\b/g)!.length).toBeGreaterThan(2);
  });
});
