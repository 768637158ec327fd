import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '#lib/text/markdown.ts';
import { emphasisDelimiters, markdownDepth, markdownProblem, MARKDOWN_MAX_DEPTH } from '#lib/text/markdown-limits.ts';
import { calendarText } from '#lib/activities/calendar.ts';

describe('Markdown limits', () => {
  it('measures nesting and emphasis the way marked would recurse and pair', () => {
    expect(markdownDepth('Vanlig text\n\n- a\n  - b\n    - c')).toBe(3);
    expect(markdownDepth('> > > - 1. x')).toBe(5);
    expect(markdownDepth('>'.repeat(49000))).toBeGreaterThan(MARKDOWN_MAX_DEPTH);
    expect(emphasisDelimiters('- *a* och _b_\n```\n****\n```\n`__`')).toBe(4);
  });

  it('gives Swedish messages only beyond the limits', () => {
    expect(markdownProblem('## Rubrik\n\nEn **vanlig** text med _kursiv_ och en [länk](https://x.se).\n\n- punkt\n  - underpunkt')).toBeNull();
    expect(markdownProblem('_c'.repeat(24000) + '_')).toMatch(/för många tecken för kursiv/);
    expect(markdownProblem('>'.repeat(49000))).toMatch(/för många nivåer/);
    expect(markdownProblem('x'.repeat(50_001))).toMatch(/för lång/);
  });
});

describe('renderMarkdown', () => {
  it('never throws: text beyond the limits becomes plain, escaped text', () => {
    expect(renderMarkdown('>'.repeat(49000) + '<script>')).toBe(`<p>${'&gt;'.repeat(49000)}&lt;script&gt;</p>`);
    const neutral = renderMarkdown('_c'.repeat(1200) + '_');
    expect(neutral).not.toContain('<em>');
    expect(neutral).toContain('_c_c');
  });

  it('renders ordinary Markdown safely and the same text to the same HTML', () => {
    const html = renderMarkdown('**Fet** <img src=x onerror=alert(1)> [l](javascript:alert(1))');
    expect(html).toContain('<strong>Fet</strong>');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('javascript:');
    expect(renderMarkdown('**Fet** <img src=x onerror=alert(1)> [l](javascript:alert(1))')).toBe(html);
  });
});

describe('calendar text', () => {
  it('turns control characters and line separators into spaces', () => {
    expect(calendarText('Träff\rBEGIN:VEVENT\n\u0007x\u2028y')).toBe('Träff BEGIN:VEVENT x y');
  });
});
