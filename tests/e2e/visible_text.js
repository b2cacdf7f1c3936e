// What a person can read: innerText plus SVG chart text (used by tests/e2e/contrast.py)
() => {
  const parts = [document.body.innerText];
  for (const t of document.querySelectorAll('svg text')) parts.push(t.textContent);
  for (const img of document.querySelectorAll('img[src^="data:image/svg+xml"]')) {
    const src = img.getAttribute('src');
    const body = src.includes(';base64,') ? atob(src.split(';base64,')[1]) : decodeURIComponent(src.slice(src.indexOf(',') + 1));
    const doc = new DOMParser().parseFromString(body, 'image/svg+xml');
    for (const t of doc.querySelectorAll('text')) parts.push(t.textContent);
  }
  for (const el of document.querySelectorAll('select')) {
    if (el.selectedOptions[0]) parts.push(el.selectedOptions[0].text);
  }
  return parts.join('\n');
}
