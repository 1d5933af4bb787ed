"""A page or an SVG as headless chromium shows it in a 1280 px wide viewport, to a PNG cut to the
document's own size (an SVG's drawing, a page's full height).
Usage: screenshot.py PAGE FILE.png"""
import base64
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import Browser  # noqa: E402

SIZE = '''JSON.stringify((() => { const r = document.documentElement.getBoundingClientRect();
  return [Math.min(Math.ceil(r.right), window.innerWidth), Math.max(Math.ceil(r.bottom), 1)]; })())'''

browser = Browser()
try:
    session = browser.open('file://' + os.path.abspath(sys.argv[1]), 1280, 900)
    width, height = json.loads(browser.evaluate(session, SIZE))
    shot = browser.call('Page.captureScreenshot', {'format': 'png', 'captureBeyondViewport': True,
                                                   'clip': {'x': 0, 'y': 0, 'width': width, 'height': height, 'scale': 1}}, session)
    with open(sys.argv[2], 'wb') as f:
        f.write(base64.b64decode(shot['result']['data']))
finally:
    browser.close()
