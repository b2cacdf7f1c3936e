// WCAG contrast of every visible text under a root (used by tests/e2e/contrast.py)
(rootSelector) => {
  const root = document.querySelector(rootSelector) || document.body;
  const parse = (c) => {
    if (!c) return [0, 0, 0, 0];
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (m) {
      const p = m[1].split(/[\s,\/]+/).filter((x) => x.length).map(parseFloat);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    if (c === 'transparent') return [0, 0, 0, 0];
    // any other syntax (named colour, hex, color(srgb …)): let the canvas resolve it
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.fillStyle = '#000'; ctx.fillStyle = c;
    const r = ctx.fillStyle;
    if (r.startsWith('#')) {
      return [parseInt(r.slice(1, 3), 16), parseInt(r.slice(3, 5), 16), parseInt(r.slice(5, 7), 16), 1];
    }
    const k = r.match(/rgba?\(([^)]+)\)/);
    if (k) { const p = k[1].split(/[\s,]+/).map(parseFloat); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
    return [0, 0, 0, 1];
  };
  const over = (top, below) => {  // top composited over an opaque colour
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat([1]);
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const background = (el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  const visible = (el) => {
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const disabled = (el) => !!el.closest('button:disabled, input:disabled, select:disabled, textarea:disabled, .mod-disabled, [aria-disabled="true"]');
  const large = (cs) => {
    const px = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight, 10) >= 700 || cs.fontWeight === 'bold';
    return px >= 24 || (bold && px >= 18.66);
  };
  const name = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      const cls = [...e.classList].filter((c) => c.startsWith('kinerja') || c.startsWith('widget') || c.startsWith('jupyter')).slice(0, 2);
      parts.unshift(e.tagName.toLowerCase() + cls.map((c) => '.' + c).join(''));
    }
    return parts.join(' > ');
  };
  const out = [];
  const record = (el, text, fg, bg, cs, kind) => {
    const r = ratio(over(fg, bg), bg);
    const need = large(cs) ? 3.0 : 4.5;
    out.push({ text: text.trim().slice(0, 80), where: name(el), kind, fg: fg.map((v) => Math.round(v * 100) / 100),
               bg: bg.slice(0, 3).map(Math.round), ratio: Math.round(r * 100) / 100, need, size: cs.fontSize });
  };
  const seen = new Set();
  // 1. elements owning a non-blank text node
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || seen.has(el) || !n.textContent.trim()) continue;
    if (['STYLE', 'SCRIPT', 'NOSCRIPT', 'TITLE', 'OPTION'].includes(el.tagName)) continue;
    if (el.closest('svg')) continue;  // SVG text: below
    seen.add(el);
    if (!visible(el) || disabled(el)) continue;
    const cs = getComputedStyle(el);
    const fg = parse(cs.color); fg[3] *= opacity(el);
    record(el, n.textContent, fg, background(el), cs, 'text');
  }
  // 2. form controls: their value, or their placeholder when empty
  for (const el of root.querySelectorAll('input, textarea, select')) {
    if (!visible(el) || disabled(el)) continue;
    if (el.type && ['checkbox', 'radio', 'range', 'hidden', 'color', 'file'].includes(el.type)) continue;
    const cs = getComputedStyle(el);
    let text = el.tagName === 'SELECT' ? (el.selectedOptions[0] || {}).text || '' : el.value;
    let fg = parse(cs.color), kind = 'value';
    if (!text && el.placeholder) { text = el.placeholder; fg = parse(getComputedStyle(el, '::placeholder').color); kind = 'placeholder'; }
    if (!text || !text.trim()) continue;
    fg[3] *= opacity(el);
    record(el, text, fg, background(el), cs, kind);
  }
  // 3. inline SVG text (Vega/Altair charts drawn as SVG)
  for (const t of root.querySelectorAll('svg text')) {
    if (!t.textContent.trim() || !visible(t)) continue;
    const cs = getComputedStyle(t);
    const fill = parse(cs.fill);
    fill[3] *= parseFloat(cs.fillOpacity || '1') * opacity(t);
    record(t, t.textContent, fill, svgBackground(t.closest('svg')) || background(t.closest('svg')), cs, 'svg');
  }
  // 4. SVG shown as an image (data URI): parse it and read its text fills
  for (const img of root.querySelectorAll('img[src^="data:image/svg+xml"]')) {
    if (!visible(img)) continue;
    const src = img.getAttribute('src');
    const body = src.includes(';base64,') ? atob(src.split(';base64,')[1]) : decodeURIComponent(src.slice(src.indexOf(',') + 1));
    const doc = new DOMParser().parseFromString(body, 'image/svg+xml');
    const svg = doc.documentElement;
    const bg = svgBackground(svg) || background(img);
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const style = (k) => { const m = (t.getAttribute('style') || '').match(new RegExp(k + '\\s*:\\s*([^;]+)')); return m ? m[1] : t.getAttribute(k); };
      const fill = parse(style('fill') || '#000');
      fill[3] *= parseFloat(style('fill-opacity') || style('opacity') || '1');
      const px = parseFloat(style('font-size') || '11');
      const weight = style('font-weight') || 'normal';
      record(img, t.textContent, fill, bg, { fontSize: px + 'px', fontWeight: weight === 'bold' ? '700' : weight }, 'svg-img');
    }
  }
  return out;

  function svgBackground(svg) {
    if (!svg) return null;
    const rect = svg.querySelector('rect.background, path.background');
    const attr = rect ? (rect.getAttribute('fill') || (rect.getAttribute('style') || '').replace(/.*fill:\s*([^;]+).*/, '$1')) : null;
    if (attr && attr !== 'none' && attr !== 'transparent') return over(parse(attr), [255, 255, 255, 1]);
    return null;
  }
}
