"""report.html as a reader sees it, in Debian's headless chromium at 1280 x 900: nothing reaches past
the viewport's width (no horizontal scrolling), and every class label, as a row and as a column of
the confusion matrix and in the per-class table, is rendered, inside the viewport's width and not
clipped to nothing. Usage: report_browser.py REPORT.html CLASSES [--screenshot FILE.png]"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import Browser  # noqa: E402

page, classes = os.path.abspath(sys.argv[1]), int(sys.argv[2])
screenshot = sys.argv[sys.argv.index('--screenshot') + 1] if '--screenshot' in sys.argv else None
CHECK = '''JSON.stringify((() => {
  const width = window.innerWidth;
  const out = {width, scroll: document.documentElement.scrollWidth, labels: []};
  for (const [kind, selector] of [['row', '.confusion th.row'], ['col', '.confusion th.col span'], ['class', '.perclass td:first-child']])
    for (const e of document.querySelectorAll(selector)) {
      const r = e.getBoundingClientRect();
      out.labels.push({kind, text: e.textContent, left: r.left, right: r.right, w: r.width, h: r.height});
    }
  const far = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 0.5);
  out.past = far.map(e => e.tagName + '.' + e.className).slice(0, 5);
  return out;
})())'''

browser = Browser()
try:
    session = browser.open('file://' + page, 1280, 900)
    layout = json.loads(browser.evaluate(session, CHECK))
    assert layout['scroll'] <= layout['width'], 'the page scrolls sideways: %s > %s (%s)' % (layout['scroll'], layout['width'], layout['past'])
    assert not layout['past'], 'elements past the viewport: %s' % layout['past']
    for kind in ('row', 'col', 'class'):
        labels = [l for l in layout['labels'] if l['kind'] == kind]
        assert len(labels) == classes, (kind, len(labels), classes)
        for l in labels:
            assert l['w'] > 0 and l['h'] > 0 and l['left'] >= 0 and l['right'] <= layout['width'], l
    print('report at 1280 px: %d classes, every label visible, no sideways scrolling' % classes)
    if screenshot:
        browser.screenshot(session, screenshot)
finally:
    browser.close()
